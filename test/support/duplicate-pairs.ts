/**
 * Values that must and must not be taken for the same company or line, for
 * the duplicate check's unit test (engine/duplicates/) and its API test.
 */
export const namePairs: readonly (readonly [string, string, boolean])[] = [
  ["杭州恒达科技有限公司", "恒达科技", true],
  ["浙江杭州恒达科技股份有限公司", "恒达科技有限责任公司", true],
  ["北京市恒达科技集团有限公司", "恒达科技", true],
  ["恒达科技（杭州）有限公司", "杭州恒达科技有限公司", true],
  ["恒达 科技 有限公司", "恒达科技有限公司", true],
  ["ＨＥＮＧＤＡ科技", "hengda科技", true],
  ["恒达科技(集团)总公司", "恒达科技", true],
  ["Acme Co., Ltd.", "ACME Limited", true],
  ["上海华美贸易股份有限公司", "华美贸易", true],
  ["内蒙古自治区伊利实业集团", "内蒙古伊利实业", true],
  ["杭州恒达科技有限公司", "杭州恒通科技有限公司", false],
  ["恒达科技", "恒达电子", false],
  ["北京恒达科技", "北京恒达物流", false],
  ["Tesco", "Tes Co.", false],
  ["华美贸易", "华美商贸", false],
];

export const phonePairs: readonly (readonly [string, string, boolean])[] = [
  ["0571-8888 8888", "057188888888", true],
  ["+86 571 8888 8888", "0571-88888888", true],
  ["0086 571 88888888", "(0571) 8888-8888", true],
  ["138 0013 8000", "13800138000", true],
  ["+86 138-0013-8000", "138 0013 8000", true],
  ["8613800138000", "13800138000", true],
  ["０５７１-８８８８８８８８", "0571 8888 8888", true],
  ["0571-8888 8888 ext. 12", "0571 88888888", true],
  ["0571-8888 8888", "0571-8888 8889", false],
  ["138 0013 8000", "139 0013 8000", false],
  ["0571-88888888", "010-88888888", false],
  ["+1 415 555 0100", "415 555 0100", false],
];
