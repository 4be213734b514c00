// The names people read in the audit log: every action the server audits, every kind of object, every
// field its entries record — the one list (zh/en), checked against the sources by names.test.ts.
import type { LocalizedName } from '@ding/core';

const n = (zh: string, en: string): LocalizedName => ({ zh, en });

/** Every action written by `auditAppend` / `repos.audit.append`, by name. */
export const AUDIT_ACTIONS = {
  'observation.publish': n('发布数据', 'Published figures'),
  'observation.revise': n('修订数值', 'Revised a figure'),
  'observation.import': n('导入数据', 'Imported figures'),
  'submission.submit': n('报送数据', 'Submitted figures'),
  'submission.approve': n('审核通过', 'Approved'),
  'submission.return': n('退回', 'Returned'),
  'round.open': n('开启轮次', 'Opened a round'),
  'round.update': n('修改轮次', 'Changed a round'),
  'round.extend': n('轮次延期', 'Extended a round'),
  'round.cancel': n('取消轮次', 'Cancelled a round'),
  'round.exception.set': n('设置单位截止日', "Set a unit's deadline"),
  'round.exception.clear': n('取消单位截止日', "Cleared a unit's deadline"),
  'round.remind': n('催报', 'Sent reminders'),
  'period.lock': n('锁定期间', 'Locked a period'),
  'period.unlock': n('解锁期间', 'Unlocked a period'),
  'plan.target.update': n('修改目标', 'Changed a target'),
  'plan.targets.allocate': n('分解目标', 'Allocated targets to towns'),
  'plan.indicator.update': n('修改指标', 'Changed an indicator'),
  'user.create': n('新建用户', 'Created a user'),
  'user.update': n('修改用户', 'Changed a user'),
  'user.password.change': n('修改密码', 'Changed the password'),
  'supervision.plan_tasks.load': n('载入方案任务', 'Loaded the plan’s tasks'),
  'supervision.item.create': n('新建督办事项', 'Created a supervision item'),
  'supervision.item.update': n('修改督办事项', 'Changed a supervision item'),
  'supervision.acknowledge': n('签收', 'Acknowledged'),
  'supervision.report.submit': n('反馈进展', 'Reported progress'),
  'supervision.report.part': n('报送协办材料', 'Sent a cooperating part'),
  'supervision.report.accept': n('审核进展通过', 'Accepted a report'),
  'supervision.report.return': n('退办', 'Returned a report'),
  'supervision.extension.request': n('申请延期', 'Requested an extension'),
  'supervision.extension.approve': n('批准延期', 'Approved an extension'),
  'supervision.extension.reject': n('驳回延期', 'Rejected an extension'),
  'supervision.complete': n('办结', 'Completed'),
  'supervision.close': n('销号', 'Closed off'),
  'cup.evidence.create': n('录入佐证材料', 'Entered evidence'),
  'cup.evidence.approve': n('佐证材料通过', 'Approved evidence'),
  'cup.evidence.reject': n('佐证材料驳回', 'Rejected evidence'),
} as const satisfies Record<string, LocalizedName>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The kinds of object entries name (`entity`), for the filter and the 对象类型 column. */
export const AUDIT_ENTITIES = {
  observation: n('数据', 'Figure'),
  submission: n('报送数据', 'Submitted figure'),
  upload: n('报送文件', 'Submission file'),
  import_batch: n('导入文件', 'Import file'),
  round: n('填报轮次', 'Collection round'),
  period: n('期间', 'Period'),
  target: n('目标', 'Target'),
  indicator: n('指标', 'Indicator'),
  user: n('用户', 'User'),
  supervision_item: n('督办事项', 'Supervision item'),
  cup_evidence: n('佐证材料', 'Cup evidence'),
} as const satisfies Record<string, LocalizedName>;

export type AuditEntity = keyof typeof AUDIT_ENTITIES;

export function auditActionName(action: string): LocalizedName {
  return (AUDIT_ACTIONS as Record<string, LocalizedName>)[action] ?? n(action, action);
}

export function auditEntityName(entity: string): LocalizedName {
  return (AUDIT_ENTITIES as Record<string, LocalizedName>)[entity] ?? n(entity, entity);
}

/** Field labels of old → new; a field not here shows as its own name. */
export const AUDIT_FIELDS: Record<string, LocalizedName> = {
  value: n('数值', 'Value'),
  values: n('目标值', 'Target values'),
  status: n('状态', 'Status'),
  state: n('状态', 'State'),
  revision: n('修订版次', 'Revision'),
  vintage: n('口径', 'Vintage'),
  indicator: n('指标', 'Indicator'),
  region: n('地区', 'Region'),
  period: n('期别', 'Period'),
  periods: n('期别', 'Periods'),
  year: n('年度', 'Year'),
  dueDate: n('截止日期', 'Due date'),
  assignments: n('应报项数', 'Figures owed'),
  username: n('用户名', 'Username'),
  displayName: n('姓名', 'Name'),
  role: n('角色', 'Role'),
  department: n('部门', 'Department'),
  active: n('启用', 'Active'),
  email: n('邮箱', 'E-mail'),
  phone: n('手机', 'Mobile'),
  passwordChanged: n('密码', 'Password'),
  otherSessionsEnded: n('结束其他登录', 'Other sessions ended'),
  locked: n('锁定', 'Locked'),
  lockOverride: n('越过锁定', 'Lock overridden'),
  deadline: n('办理期限', 'Deadline'),
  unit: n('单位', 'Unit'),
  name: n('名称', 'Name'),
  title: n('标题', 'Title'),
  code: n('编号', 'Code'),
  type: n('类型', 'Type'),
  comparator: n('比较', 'Comparator'),
  from: n('起始年', 'From'),
  to: n('截止年', 'To'),
  baseYear: n('基期', 'Base year'),
  factor: n('倍数', 'Factor'),
  rate: n('增速', 'Rate'),
  source: n('来源', 'Source'),
  note: n('说明', 'Note'),
  decimals: n('小数位', 'Decimals'),
  measure: n('指标性质', 'Measure'),
  frequency: n('报送频率', 'Frequency'),
  core: n('核心指标', 'Core'),
  leadUnits: n('牵头单位', 'Lead units'),
  cooperatingUnits: n('配合单位', 'Cooperating units'),
  leader: n('责任领导', 'Leader'),
  milestones: n('节点', 'Milestones'),
  indicators: n('关联指标', 'Indicators'),
  cadence: n('报送周期', 'Cadence'),
  assignedOn: n('交办日期', 'Assigned on'),
  quantity: n('数量', 'Quantity'),
  item: n('评价项', 'Item'),
  file: n('文件', 'File'),
  format: n('格式', 'Format'),
  rows: n('行数', 'Rows'),
  created: n('新增', 'New'),
  revised: n('修订', 'Revised'),
  unchanged: n('未变', 'Unchanged'),
  provenance: n('数据来源性质', 'Provenance'),
  round: n('填报轮次', 'Round'),
  percentDone: n('完成进度', 'Done'),
  attachments: n('附件', 'Attachments'),
  newDeadline: n('申请期限', 'Requested deadline'),
};

/** Coded values shown by name (statuses, roles, vintages …), whatever field holds them. */
export const AUDIT_CODES: Record<string, Record<string, LocalizedName>> = {
  status: {
    submitted: n('待审核', 'awaiting review'),
    approved: n('已审核', 'approved'),
    returned: n('已退回', 'returned'),
    published: n('已发布', 'published'),
    open: n('进行中', 'open'),
    closed: n('已关闭', 'closed'),
    pending: n('待审核', 'pending'),
    rejected: n('已驳回', 'rejected'),
    accepted: n('已通过', 'accepted'),
  },
  state: {
    assigned: n('待签收', 'assigned'),
    in_progress: n('办理中', 'in progress'),
    reported: n('已反馈', 'reported'),
    returned: n('已退办', 'returned'),
    completed: n('已办结', 'completed'),
    closed: n('已销号', 'closed off'),
  },
  role: {
    admin: n('管理员', 'administrator'),
    department: n('部门填报员', 'department reporter'),
    town: n('镇街填报员', 'town reporter'),
    leader: n('领导', 'leader'),
  },
  vintage: {
    flash: n('快报', 'flash'),
    annual: n('年报', 'annual'),
    revised: n('修订', 'revised'),
  },
};
