// The base styles first: a screen's own stylesheet (its media queries, print rules) must come after them.
import "./styles/base.css";
import "./styles/shell.css";
import "./styles/list.css";
import "./styles/form.css";
import { render } from "solid-js/web";
import { App } from "./app.tsx";

render(() => <App />, document.getElementById("root")!);
