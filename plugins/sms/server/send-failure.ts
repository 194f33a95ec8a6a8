import { tr, type Text } from "../../../engine/plugins/plugin-api.ts";

/**
 * Why a try to send a message failed, kept in the log as a reason and its
 * values so that each reader sees it in their language (failureText).
 * `retry` says whether a later try may do better.
 */
export type SendFailure =
  | { readonly reason: "status"; readonly status: number; readonly answer: string }
  | { readonly reason: "redirect"; readonly status: number; readonly location: string }
  | { readonly reason: "timeout"; readonly seconds: number }
  | { readonly reason: "unreachable"; readonly cause: string }
  | { readonly reason: "private"; readonly address: string }
  | { readonly reason: "unqueued"; readonly cause: string }
  | { readonly reason: "broken"; readonly cause: string };

/** Failures worth another try: the gateway busy, down or slow, not a request it refused. */
export function worthRetrying(failure: SendFailure): boolean {
  switch (failure.reason) {
    case "status":
      return failure.status >= 500 || failure.status === 429 || failure.status === 408;
    case "redirect":
    case "private":
    case "unqueued":
    case "broken":
      return false;
    case "timeout":
    case "unreachable":
      return true;
  }
}

/** A failure as its reader reads it. */
export function failureText(failure: SendFailure): Text {
  switch (failure.reason) {
    case "status":
      return tr("the gateway answered {status}: {answer}", {
        status: failure.status,
        answer: failure.answer || "-",
      });
    case "redirect":
      return tr(
        "the gateway answered {status}, sending elsewhere ({location}): set its final address",
        {
          status: failure.status,
          location: failure.location || "-",
        },
      );
    case "timeout":
      return tr("the gateway did not answer within {seconds} s", { seconds: failure.seconds });
    case "unreachable":
      return tr("the gateway could not be reached: {cause}", { cause: failure.cause });
    case "unqueued":
      return tr("the job queue did not take it: {cause}", { cause: failure.cause });
    case "broken":
      return tr("it could not be sent: {cause}", { cause: failure.cause });
    case "private":
      return tr(
        "the gateway's address leads to {address}, on a private network, which this installation does not allow (SMS_PRIVATE_GATEWAYS)",
        { address: failure.address },
      );
  }
}
