/**
 * The kinds of problem the demo's courts find, each tied to a task of the management-year plan.
 * FICTIONAL: invented, typical findings for a demonstration; the task numbers and department
 * names are the plan's. Each template sits under the task whose text covers it (e.g. 公务用车 under
 * task 22, which names 车辆使用; 着装 under 32; 电子卷宗 under 36; 廉政风险 under 30; 类案检索 under
 * 7). Each court finds a seeded selection of them.
 */

/** A kind of problem, with the measures that rectify it. */
export interface ProblemTemplate {
  /** The plan's task number it falls under. */
  readonly task: number;
  /** The department that answers for it (one every court has, unless `intermediateOnly`). */
  readonly department: string;
  readonly title: string;
  readonly description: string;
  /** The rule, standard or requirement not met. */
  readonly criterion: string;
  readonly severity: 'minor' | 'moderate' | 'serious' | 'critical';
  /** One to three rectification measures. */
  readonly measures: readonly string[];
  /** Only the intermediate court has the department. */
  readonly intermediateOnly?: boolean;
}

/** Every template, in plan task order: those every court has, then the intermediate court's own. */
export const problemTemplates: readonly ProblemTemplate[] = [
  {
    task: 1, department: '审管办', severity: 'moderate',
    title: '院庭长审判监督管理权责清单未落实到个案', description: '抽查发现部分院庭长对“四类案件”未按清单履行监督管理职责，监督记录缺失。',
    criterion: '院长、庭长审判监督管理权责清单', measures: ['逐案补录监督管理记录', '将权责清单嵌入办案系统节点提醒'],
  },
  {
    task: 2, department: '审管办', severity: 'serious',
    title: '长期未结案件清理不及时', description: '超过十八个月未结案件未建立专项清理台账，无专人跟踪。',
    criterion: '长期未结案件审判监督管理机制', measures: ['建立长期未结案件清理台账', '每月通报清理进度'],
  },
  {
    task: 4, department: '审管办', severity: 'minor',
    title: '院庭长办案数量未达规定比例', description: '部分院庭长上半年结案数低于规定的办案比例。',
    criterion: '院长、庭长办案常态化机制', measures: ['按季度通报院庭长办案情况'],
  },
  {
    task: 7, department: '审管办', severity: 'minor',
    title: '类案检索等智能辅助办案功能使用率低', description: '部分法官未按要求开展类案强制检索，类案推送等智能辅助功能使用率低。',
    criterion: '智慧法院应用要求', measures: ['组织系统应用培训', '按月通报应用情况'],
  },
  {
    task: 9, department: '审管办', severity: 'serious',
    title: '案件质量评查发现的问题未整改反馈', description: '上年度评查发现的瑕疵案件，承办部门未书面反馈整改情况。',
    criterion: '案件质量评查制度', measures: ['逐件书面反馈整改情况', '将评查结果纳入绩效考核'],
  },
  {
    task: 10, department: '立案庭', severity: 'moderate',
    title: '年底突击结案、年初收案不均衡', description: '审判态势分析显示收结案波动明显，存在控制立案的苗头。',
    criterion: '均衡结案监督检查机制', measures: ['每月开展审判态势分析研判', '严禁年底控制立案'],
  },
  {
    task: 12, department: '执行局', severity: 'serious',
    title: '执行案件节点信息录入不及时', description: '执行流程管理系统中查控、财产处置节点信息滞后录入，影响流程监管。',
    criterion: '执行工作标准化、信息化建设', measures: ['限期补录全部节点信息', '开展执行流程节点专项检查'],
  },
  {
    task: 13, department: '执行局', severity: 'moderate',
    title: '失信被执行人名单纳入、删除不规范', description: '个别案件履行完毕后未及时删除失信信息。',
    criterion: '强制执行工作规范', measures: ['全面核查失信名单', '建立履行完毕即时删除机制'],
  },
  {
    task: 14, department: '审管办', severity: 'moderate',
    title: '裁判文书上网不及时', description: '应公开的裁判文书未在规定时限内上网公开。',
    criterion: '司法公开制度体系', measures: ['清理应公开未公开文书', '设定文书上网时限提醒'],
  },
  {
    task: 15, department: '立案庭', severity: 'minor',
    title: '涉诉信访登记台账不完整', description: '来访登记缺少处理结果和答复时间。',
    criterion: '涉诉信访工作规范', measures: ['补全信访登记台账', '实行信访事项办结回访'],
  },
  {
    task: 16, department: '办公室', severity: 'moderate',
    title: '重大事项请示报告不及时', description: '部分重大敏感案件未按规定时限向上级法院报告。',
    criterion: '重大事项请示报告制度', measures: ['梳理应报告事项清单', '建立重大事项报告登记簿'],
  },
  {
    task: 19, department: '办公室', severity: 'minor',
    title: '公文流转超时', description: '公文办理未在规定时限内办结，催办记录缺失。',
    criterion: '公文处理办法', measures: ['建立公文督办台账', '每周通报超时公文'],
  },
  {
    task: 22, department: '办公室', severity: 'moderate',
    title: '公务用车使用登记不规范', description: '公务用车出车登记缺少事由和审批人。',
    criterion: '公务用车管理规定', measures: ['完善出车审批登记制度', '开展公务用车专项检查'],
  },
  {
    task: 27, department: '政治部', severity: 'moderate',
    title: '干警教育培训学时不足', description: '部分干警年度教育培训学时未达到规定要求。',
    criterion: '干警教育培训规定', measures: ['制定补训计划', '建立培训学时电子档案'],
  },
  {
    task: 29, department: '政治部', severity: 'serious',
    title: '上班迟到早退、工作日饮酒等作风问题', description: '明察暗访发现个别干警工作时间脱岗。',
    criterion: '干警作风纪律规定', measures: ['开展作风纪律专项整治', '严格考勤并每月通报'],
  },
  {
    task: 30, department: '监察室', severity: 'serious',
    title: '廉政风险防控措施未落实', description: '关键岗位廉政风险点排查不全，防控措施流于形式。',
    criterion: '廉政风险防控制度', measures: ['重新排查关键岗位风险点', '签订廉政承诺并公开'],
  },
  {
    task: 32, department: '政治部', severity: 'minor',
    title: '干警着装、言行不规范', description: '窗口部门个别干警未按规定着装。',
    criterion: '人民法院司法礼仪规范', measures: ['开展司法礼仪培训'],
  },
  {
    task: 36, department: '审管办', severity: 'moderate',
    title: '电子卷宗随案生成率偏低', description: '上半年电子卷宗随案同步生成率低于全市平均水平。',
    criterion: '电子卷宗随案同步生成要求', measures: ['配备扫描设备和专人', '将随案生成率纳入考核'],
  },
  {
    task: 3, department: '审管办', severity: 'minor',
    title: '专业法官会议召集随意、记录不全', description: '专业法官会议未按议事规则召集，会前准备和讨论意见记录缺失。',
    criterion: '专业法官会议制度', measures: ['制定专业法官会议议事规则', '规范会议记录并归档'],
  },
  {
    task: 8, department: '审管办', severity: 'minor',
    title: '审判团队内部分工不明确', description: '新组建的审判团队职责分工和办案衔接不清，团队自我管理功能未发挥。',
    criterion: '审判团队建设要求', measures: ['明确团队成员职责清单', '建立团队办案绩效台账'],
  },
  {
    task: 17, department: '办公室', severity: 'minor',
    title: '公务接待、会务管理缺少标准和操作规范', description: '公务接待和会务工作无书面标准，随意性较大。',
    criterion: '司法政务标准化建设要求', measures: ['编制公务接待和会务工作规范'],
  },
  {
    task: 18, department: '办公室', severity: 'moderate',
    title: '院长督办事项未按期反馈', description: '部分院长督办事项承办部门未按期反馈办理情况，督办台账记录不全。',
    criterion: '院长督办制度', measures: ['建立督办事项台账', '实行督办事项定期反馈和催办'],
  },
  {
    task: 20, department: '审管办', severity: 'moderate',
    title: '绩效考核指标设置不合理', description: '绩效考核指标与岗位职责脱节，考核结果运用不充分。',
    criterion: '绩效考核制度', measures: ['修订绩效考核指标体系', '将考核结果与评先评优挂钩'],
  },
  {
    task: 21, department: '办公室', severity: 'minor',
    title: '文件会议过多、基层负担重', description: '同一事项重复发文、层层开会，挤占办案时间。',
    criterion: '为基层减负要求', measures: ['精简文件会议并建立发文审核机制'],
  },
  {
    task: 23, department: '办公室', severity: 'moderate',
    title: '代表关注案件办理情况反馈不及时', description: '人大代表关注案件的办理进展未按时向代表反馈。',
    criterion: '人大代表联络工作制度', measures: ['建立代表关注案件台账', '实行办理情况限时反馈'],
  },
  {
    task: 31, department: '监察室', severity: 'moderate',
    title: '党风廉政建设研判会商机制未建立', description: '未定期开展党风廉政建设形势研判，会商记录缺失。',
    criterion: '党风廉政建设主体责任', measures: ['建立季度研判会商机制', '形成研判会商报告'],
  },
  {
    task: 33, department: '办公室', severity: 'minor',
    title: '干警身心健康关怀措施落实不到位', description: '干警年度体检、心理疏导等关爱措施未全部落实。',
    criterion: '从优待警要求', measures: ['组织干警年度体检', '开展心理健康辅导'],
  },
  {
    task: 35, department: '审管办', severity: 'moderate',
    title: '审判执行流程节点信息化监管存在盲区', description: '部分审判执行节点未纳入流程管理系统，无法实时监管。',
    criterion: '审判执行全流程信息化管理要求', measures: ['梳理未纳管节点并接入系统', '开展流程节点监管抽查'],
  },
  {
    task: 5, department: '审管办', severity: 'moderate', intermediateOnly: true,
    title: '审判委员会讨论案件记录不完整', description: '审委会会议记录缺少委员发表意见情况。',
    criterion: '审判委员会工作规则', measures: ['规范审委会会议记录格式', '实行会议记录委员签字确认'],
  },
  {
    task: 6, department: '审判监督庭', severity: 'moderate', intermediateOnly: true,
    title: '对基层法院改发案件分析指导不够', description: '二审改判、发回案件未定期向基层法院反馈分析意见。',
    criterion: '审级指导制度', measures: ['每季度形成改发案件分析报告', '召开审级指导联席会'],
  },
  {
    task: 11, department: '执行局', severity: 'serious', intermediateOnly: true,
    title: '执行指挥中心统一调度不到位', description: '辖区执行案件交叉执行、协同执行调度记录缺失。',
    criterion: '执行管理机制', measures: ['完善执行指挥中心调度规程', '建立协同执行台账'],
  },
  {
    task: 25, department: '干部处', severity: 'moderate', intermediateOnly: true,
    title: '干部选拔任用程序记录不完整', description: '部分干部选拔任用的动议、考察环节记录缺失。',
    criterion: '党政领导干部选拔任用工作条例', measures: ['补全选拔任用全程纪实材料', '建立选拔任用纪实档案'],
  },
  {
    task: 28, department: '宣教处', severity: 'minor', intermediateOnly: true,
    title: '法院文化建设缺少长效机制', description: '文化建设活动零散，职业精神培育缺少制度保障。',
    criterion: '法院文化建设要求', measures: ['制定法院文化建设三年规划'],
  },
  {
    task: 22, department: '法警支队', severity: 'moderate', intermediateOnly: true,
    title: '安检登记和值班制度执行不严', description: '抽查发现部分时段安检登记缺失。',
    criterion: '法院安全保卫工作规定', measures: ['严格落实安检登记', '加强值班巡查'],
  },
];
