import { Show } from "solid-js";

/** What an admin page last did or failed to do. */
export interface PageMessageValue {
  text: string;
  error: boolean;
}

/** The page's last outcome: an alert when it failed, a polite status when it worked. */
export function PageMessage(props: { message: PageMessageValue | undefined }) {
  return (
    <Show when={props.message} keyed>
      {(message) => (
        <div class={message.error ? "banner" : "notice"} role={message.error ? "alert" : "status"}>
          {message.text}
        </div>
      )}
    </Show>
  );
}
