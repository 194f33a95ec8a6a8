import { meta } from "../../api/meta-store.ts";
import { currencySymbol } from "../../format/format-value.ts";
import type { WidgetProps } from "../widget-props.ts";
import { DecimalInput } from "./decimal-input.tsx";

/** An amount in the company's currency, with the currency's scale (0 for JPY, 2 for CNY) and symbol. */
export function MoneyWidget(props: WidgetProps) {
  const settings = () => meta()!.company.settings;
  return (
    <DecimalInput
      {...props}
      scale={settings().currencyDecimals}
      unit={currencySymbol(settings())}
    />
  );
}
