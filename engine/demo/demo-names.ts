/**
 * Word lists for the demo data. Each list is written as compact text and split
 * once, so that it stays readable (and the formatter leaves it alone).
 */

const rows = (text: string): string[][] =>
  text
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s*\|\s*|\s+/));

const pairs = (text: string): { zh: string; py: string }[] =>
  text
    .trim()
    .split(/\s+/)
    .map((w) => {
      const [zh = "", py = ""] = w.split(":");
      return { zh, py };
    });

export interface DemoCity {
  readonly city: string;
  readonly province: string;
  /** Initials used in e-mail domains, e.g. hz for 杭州. */
  readonly initials: string;
  readonly areaCode: string;
  readonly postalCode: string;
  readonly districts: readonly string[];
}

/** city province initials area-code postal-code districts (slash-separated). */
export const cities: readonly DemoCity[] = rows(`
  北京 北京市 bj 010 100020 朝阳区/海淀区/东城区/丰台区
  上海 上海市 sh 021 200120 浦东新区/徐汇区/静安区/闵行区
  广州 广东省 gz 020 510620 天河区/越秀区/海珠区/番禺区
  深圳 广东省 sz 0755 518057 南山区/福田区/罗湖区/宝安区
  杭州 浙江省 hz 0571 310012 西湖区/滨江区/拱墅区/余杭区
  宁波 浙江省 nb 0574 315040 鄞州区/海曙区/江北区
  温州 浙江省 wz 0577 325000 鹿城区/瓯海区/龙湾区
  南京 江苏省 nj 025 210018 鼓楼区/玄武区/建邺区/江宁区
  苏州 江苏省 su 0512 215021 姑苏区/吴中区/相城区/虎丘区
  无锡 江苏省 wx 0510 214028 梁溪区/滨湖区/新吴区
  成都 四川省 cd 028 610041 武侯区/锦江区/青羊区/成华区
  重庆 重庆市 cq 023 400010 渝中区/江北区/南岸区/渝北区
  武汉 湖北省 wh 027 430071 江汉区/武昌区/洪山区/江岸区
  长沙 湖南省 cs 0731 410005 岳麓区/芙蓉区/天心区/雨花区
  西安 陕西省 xa 029 710061 雁塔区/碑林区/未央区/莲湖区
  郑州 河南省 zz 0371 450008 金水区/二七区/中原区
  济南 山东省 jn 0531 250014 历下区/市中区/槐荫区
  青岛 山东省 qd 0532 266071 市南区/市北区/崂山区/黄岛区
  天津 天津市 tj 022 300051 和平区/河西区/南开区/滨海新区
  沈阳 辽宁省 sy 024 110013 和平区/沈河区/皇姑区/浑南区
  大连 辽宁省 dl 0411 116001 中山区/沙河口区/甘井子区
  厦门 福建省 xm 0592 361001 思明区/湖里区/集美区
  福州 福建省 fz 0591 350001 鼓楼区/台江区/仓山区
  合肥 安徽省 hf 0551 230031 蜀山区/包河区/庐阳区
  南昌 江西省 nc 0791 330006 东湖区/西湖区/红谷滩区
  昆明 云南省 km 0871 650031 五华区/盘龙区/官渡区
  东莞 广东省 dg 0769 523000 南城街道/东城街道/长安镇
  佛山 广东省 fs 0757 528000 禅城区/南海区/顺德区
  石家庄 河北省 sjz 0311 050000 长安区/桥西区/裕华区
  哈尔滨 黑龙江省 hrb 0451 150001 南岗区/道里区/香坊区
  长春 吉林省 cc 0431 130061 朝阳区/南关区/绿园区
  太原 山西省 ty 0351 030002 小店区/迎泽区/杏花岭区
  南宁 广西壮族自治区 nn 0771 530022 青秀区/兴宁区/西乡塘区
  贵阳 贵州省 gy 0851 550001 云岩区/南明区/观山湖区
`).map(([city = "", province = "", initials = "", areaCode = "", postalCode = "", d = ""]) => ({
  city,
  province,
  initials,
  areaCode,
  postalCode,
  districts: d.split("/"),
}));

/** The distinctive middle of a company name, with its pinyin for e-mail domains. */
export const brandWords = pairs(`
  恒达:hengda 华信:huaxin 天成:tiancheng 鼎盛:dingsheng 金桥:jinqiao 宏图:hongtu
  远航:yuanhang 博远:boyuan 新思:xinsi 瑞丰:ruifeng 德润:derun 永信:yongxin
  海纳:haina 星辰:xingchen 东方:dongfang 嘉禾:jiahe 万通:wantong 明德:mingde
  锦程:jincheng 卓越:zhuoyue 盛世:shengshi 荣泰:rongtai 凯达:kaida 广源:guangyuan
  信诚:xincheng 同创:tongchuang 启航:qihang 蓝海:lanhai 和顺:heshun 安泰:antai
  富源:fuyuan 鸿运:hongyun 聚能:juneng 天润:tianrun 华美:huamei 新锐:xinrui
  百川:baichuan 云帆:yunfan 致远:zhiyuan 睿达:ruida 金盛:jinsheng 旭日:xuri
  润泽:runze 恒通:hengtong 泰和:taihe 宏远:hongyuan 中瑞:zhongrui 华创:huachuang
`);

/** Company-name suffix per industry option key | e-mail domain tail | short-name tail. */
export const industrySuffixes: Readonly<Record<string, readonly string[]>> = {
  it: ["电子科技有限公司|tech|电子", "信息技术有限公司|it|信息", "智能科技有限公司|ai|智能"],
  software: ["软件有限公司|soft|软件", "网络科技有限公司|net|网络", "软件股份有限公司|soft|软件"],
  manufacturing: [
    "机械制造有限公司|mach|机械",
    "精密机械有限公司|precision|精密",
    "实业有限公司|group|实业",
  ],
  trade: ["商贸有限公司|trade|商贸", "贸易有限公司|trade|贸易", "进出口有限公司|imex|进出口"],
  retail: ["商业连锁有限公司|mart|商业", "超市有限公司|mart|超市", "百货有限公司|store|百货"],
  consulting: ["管理咨询有限公司|consult|咨询", "企业管理咨询有限公司|mc|咨询"],
  finance: [
    "融资租赁有限公司|lease|租赁",
    "保险代理有限公司|ins|保险",
    "投资有限公司|capital|投资",
  ],
  education: ["教育科技有限公司|edu|教育", "职业培训学校|school|培训"],
  healthcare: ["医疗器械有限公司|med|医疗", "医药有限公司|pharm|医药"],
  construction: ["建设工程有限公司|build|建设", "建筑装饰工程有限公司|deco|装饰"],
  logistics: [
    "物流有限公司|logistics|物流",
    "供应链管理有限公司|scm|供应链",
    "国际货运代理有限公司|freight|货代",
  ],
  other: ["文化传媒有限公司|media|传媒", "餐饮管理有限公司|food|餐饮", "广告有限公司|ad|广告"],
};

/** Relative frequencies of option keys in the demo customers. */
export const industryWeights: Record<string, number> = {
  it: 14,
  software: 12,
  manufacturing: 14,
  trade: 14,
  retail: 8,
  consulting: 6,
  finance: 4,
  education: 6,
  healthcare: 6,
  construction: 6,
  logistics: 6,
  government: 3,
  other: 5,
};
export const sourceWeights: Record<string, number> = {
  referral: 25,
  exhibition: 15,
  website: 25,
  phone: 15,
  advertising: 8,
  partner: 7,
  other: 5,
};

/** Government customers are bureaus rather than companies. */
export const bureaus =
  "教育局 财政局 卫生健康委员会 市场监督管理局 人力资源和社会保障局 住房和城乡建设局".split(" ");

export const surnames = pairs(`
  王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 黄:huang 赵:zhao 吴:wu 周:zhou
  徐:xu 孙:sun 马:ma 朱:zhu 胡:hu 郭:guo 何:he 林:lin 罗:luo 高:gao 郑:zheng
  梁:liang 谢:xie 宋:song 唐:tang 许:xu 韩:han 冯:feng 邓:deng 曹:cao 彭:peng
  曾:zeng 田:tian 董:dong 潘:pan 袁:yuan 蔡:cai 蒋:jiang 余:yu 杜:du 叶:ye
  程:cheng 魏:wei 苏:su 吕:lv 丁:ding 沈:shen 姚:yao 卢:lu 钟:zhong 陆:lu 汪:wang
  范:fan 金:jin 石:shi 廖:liao 贾:jia 夏:xia 方:fang 邹:zou 孟:meng 熊:xiong
`);

export const maleGivenNames = pairs(`
  伟:wei 强:qiang 磊:lei 军:jun 洋:yang 勇:yong 杰:jie 涛:tao 明:ming 超:chao
  斌:bin 鹏:peng 浩:hao 宇:yu 俊杰:junjie 志强:zhiqiang 建华:jianhua 海涛:haitao
  国栋:guodong 文博:wenbo 子豪:zihao 浩然:haoran 晓东:xiaodong 永刚:yonggang
  建军:jianjun 立新:lixin 振华:zhenhua 宏伟:hongwei 家豪:jiahao 志明:zhiming
`);

export const femaleGivenNames = pairs(`
  芳:fang 娜:na 敏:min 静:jing 丽:li 艳:yan 娟:juan 霞:xia 婷:ting 雪:xue
  丹:dan 玲:ling 慧:hui 琳:lin 欣怡:xinyi 雨涵:yuhan 晓燕:xiaoyan 丽华:lihua
  秀英:xiuying 桂芳:guifang 佳怡:jiayi 梦瑶:mengyao 思琪:siqi 美玲:meiling
`);

/** Job title and department; the first ones decide purchases. */
export const positions = rows(`
  总经理 总经办
  副总经理 总经办
  采购经理 采购部
  技术总监 技术部
  董事长 董事会
  采购专员 采购部
  IT主管 信息部
  财务经理 财务部
  会计 财务部
  行政主管 行政部
  市场经理 市场部
  销售总监 销售部
  项目经理 项目部
`).map(([title = "", department = ""]) => ({ title, department }));
export const decisionMakers = 5;

export const streets =
  "人民路 中山路 解放路 建设路 新华路 科技路 长江路 文化路 学院路 滨江大道 世纪大道 工业园路".split(
    " ",
  );
export const buildings = "国际大厦 科技园 商务中心 金融中心 创业园 财富广场 软件园 写字楼".split(
  " ",
);
export const mobilePrefixes =
  "130 133 135 136 137 138 139 150 151 152 158 159 177 180 186 187 188 189 199".split(" ");

export const customerRemarks = [
  "老客户，回款及时，合作稳定。",
  "对价格比较敏感，报价前先申请折扣。",
  "年底有集中采购计划，提前一个月跟进。",
  "由老客户介绍，老板直接拍板，重点跟进。",
  "已签订年度框架协议，按季度下单。",
  "采购流程较长，需走招标程序。",
  "曾有一笔欠款逾期，注意控制信用额度。",
  "计划明年新建办公楼，有整体 IT 采购需求。",
];

/** Product catalogue: name | category | brand | spec | unit | sale price | weight kg (0: none). */
export const catalogue = `
  笔记本电脑 ThinkPad E14 | computer | 联想 | i5-1340P/16G/512G SSD/14英寸 | pcs | 5299 | 1.5
  台式电脑 扬天 M4000q | computer | 联想 | i5-12400/16G/512G SSD/23.8英寸显示器 | set | 4599 | 8.5
  商用台式机 OptiPlex 7010 | computer | 戴尔 | i7-13700/16G/1T SSD | set | 6899 | 7.8
  笔记本电脑 MateBook 14 | computer | 华为 | i7-1360P/16G/1T SSD | pcs | 6999 | 1.49
  图形工作站 Precision 3660 | computer | 戴尔 | i9-13900/32G/1T SSD/RTX A2000 | set | 15800 | 12
  27英寸 2K 显示器 | peripheral | 戴尔 | P2723D 2560×1440 IPS | pcs | 1799 | 6.2
  23.8英寸显示器 | peripheral | 联想 | ThinkVision T24i 1920×1080 | pcs | 999 | 4.8
  无线键鼠套装 | peripheral | 罗技 | MK295 静音 | set | 149 | 0.8
  无线鼠标 | peripheral | 罗技 | M330 静音 | pcs | 99 | 0.1
  移动硬盘 2TB | peripheral | 西部数据 | USB 3.0 2.5英寸 | pcs | 499 | 0.23
  U盘 64GB | peripheral | 闪迪 | USB 3.1 CZ73 | pcs | 49 | 0.02
  USB-C 扩展坞 | peripheral | 绿联 | 7合1 HDMI/USB3.0/PD100W | pcs | 199 | 0.15
  高清网络摄像头 | peripheral | 罗技 | C920 1080P | pcs | 459 | 0.16
  UPS 不间断电源 | peripheral | 山特 | C1K 1000VA/800W | pcs | 1680 | 12.5
  24口千兆交换机 | network | TP-LINK | TL-SG1024DT 非网管 | pcs | 599 | 2.4
  企业级路由器 | network | TP-LINK | TL-ER3220G 双WAN口 | pcs | 429 | 1
  吸顶式无线 AP | network | 华为 | AirEngine 5761-11 WiFi6 | pcs | 1280 | 0.9
  超五类网线 | network | 安普 | CAT5e 非屏蔽 305米/箱 | box | 680 | 10.5
  六类网线 | network | 绿联 | CAT6 纯铜 按米 | m | 2.8 | 0.04
  42U 网络机柜 | network | 图腾 | 600×1000×2000mm | pcs | 2380 | 85
  黑白激光打印机 | officeEquipment | 惠普 | LaserJet Pro M404dn 自动双面 | pcs | 2299 | 8.6
  彩色墨仓式一体机 | officeEquipment | 爱普生 | L6279 打印/复印/扫描 | pcs | 2599 | 7
  A3 数码复合机 | officeEquipment | 理光 | IM 2702 黑白 | pcs | 12800 | 38
  商务投影仪 | officeEquipment | 爱普生 | CB-X50 3600流明 | pcs | 3999 | 2.7
  碎纸机 | officeEquipment | 得力 | 9935 5级保密 | pcs | 399 | 7.5
  指纹考勤机 | officeEquipment | 得力 | 3960 指纹+刷卡 | pcs | 329 | 0.6
  A4 复印纸 70g | officeSupplies | 得力 | 500张/包 8包/箱 | box | 168 | 19
  A4 复印纸 80g | officeSupplies | 得力 | 500张/令 | ream | 29.9 | 2.5
  中性笔 0.5mm 黑色 | officeSupplies | 晨光 | GP-1280 12支/盒 | box | 18 | 0.15
  A4 双强力夹文件夹 | officeSupplies | 得力 | 10个/包 | pack | 45 | 0.9
  订书机 | officeSupplies | 得力 | 0414 12#钉 | pcs | 19.9 | 0.3
  激光硒鼓 | officeSupplies | 惠普 | CF276A 黑色 约3000页 | pcs | 568 | 1.2
  墨水 | officeSupplies | 爱普生 | T6721 黑色 70ml | pcs | 59 | 0.1
  标签色带 | officeSupplies | 兄弟 | TZe-231 12mm 白底黑字 8m | roll | 89 | 0.05
  WPS Office 企业版 | software | 金山 | 年度授权 每用户 | license | 399 | 0
  终端安全管理系统 | software | 奇安信 | 天擎 每终端 年度授权 | license | 198 | 0
  1.4米办公桌 | furniture | 圣奥 | 1400×700×750mm 钢木 | pcs | 890 | 35
  人体工学椅 | furniture | 西昊 | M57 网布 带头枕 | pcs | 699 | 18
  钢制四门文件柜 | furniture | 得力 | 1850×900×400mm | pcs | 980 | 45
  上门安装调试 | service | - | 工程师上门 按小时计费 | hour | 150 | 0
  网络布线施工 | service | - | 含跳线、水晶头 按信息点计 | pcs | 120 | 0
  年度 IT 运维服务 | service | - | 50 终端以内 含季度巡检 | set | 24000 | 0
`
  .trim()
  .split("\n")
  .map((line) => line.split("|").map((cell) => cell.trim()));

/** Activity subjects per kind; {p} is a product name, {c} the customer's short name. */
export const activitySubjects: Readonly<Record<string, readonly string[]>> = {
  call: [
    "电话回访：了解{p}使用情况",
    "电话沟通{p}采购需求",
    "电话确认报价单细节",
    "电话催收货款",
    "电话预约上门拜访时间",
  ],
  visit: [
    "上门拜访{c}",
    "拜访客户并演示{p}",
    "现场勘察网络布线环境",
    "拜访采购负责人，洽谈年度合作",
    "上门安装调试{p}",
  ],
  email: ["发送{p}报价单", "邮件发送产品资料及解决方案", "邮件确认合同条款", "发送本月对账单"],
  meeting: [
    "项目方案沟通会",
    "年度合作洽谈会",
    "{p}需求评审会议",
    "合同谈判会议",
    "季度业务回顾会",
  ],
  sms: ["发送节日问候短信", "短信提醒付款", "短信通知发货信息", "短信确认拜访时间"],
  other: ["寄送{p}样品", "参加客户年会", "展会现场交流", "赠送新年台历"],
};

export const activityContents = [
  "客户计划更换部分办公设备，询问{p}的价格、货期和售后政策。",
  "介绍公司近期促销活动，客户对{p}比较感兴趣。",
  "沟通项目进度及交付时间，客户希望本月内完成到货。",
  "客户反馈上批货物使用正常，希望继续保持合作。",
  "讨论付款方式，客户希望月结 30 天。",
];

export const activityResults = [
  "客户有意向，下周提供正式报价。",
  "需求已确认，准备起草合同。",
  "客户暂无预算，三个月后再跟进。",
  "对方反馈良好，已口头确认下单。",
  "价格偏高，需申请特价后再沟通。",
  "问题已解决，客户满意。",
  "未联系上，改日再联系。",
];
