/** Company contexts one process keeps by default (COMPANY_CONTEXTS; README.md, configuration). */
export const defaultCompanyContexts = 200;
