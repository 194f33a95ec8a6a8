/** "a Customer", "an Activity": the English indefinite article before a label. */
export const withArticle = (label: string) => `${/^[aeiou]/i.test(label) ? "an" : "a"} ${label}`;
