import { render } from "solid-js/web";
import { App } from "./app.tsx";
import "./styles/base.css";
import "./styles/shell.css";
import "./styles/list.css";
import "./styles/form.css";

render(() => <App />, document.getElementById("root")!);
