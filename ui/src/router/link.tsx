import type { JSX } from "solid-js";
import { navigate } from "./router.ts";

/** An anchor that navigates inside the app (a middle click still opens a tab). */
export function Link(props: {
  href: string;
  class?: string;
  children: JSX.Element;
  "aria-label"?: string;
  "aria-current"?: "page";
}) {
  const follow = (event: MouseEvent) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    navigate(props.href);
  };
  return (
    <a
      href={props.href}
      class={props.class}
      aria-label={props["aria-label"]}
      aria-current={props["aria-current"]}
      onClick={follow}
    >
      {props.children}
    </a>
  );
}
