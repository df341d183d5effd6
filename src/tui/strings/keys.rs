//! What the keys do, for the help and the footer (see `keymap.rs`).

use super::Text;

// moving
pub const MOVE_DOWN: Text = ("move down", "下移");
pub const MOVE_UP: Text = ("move up", "上移");
pub const PAGE_DOWN: Text = ("page down", "下一页");
pub const PAGE_UP: Text = ("page up", "上一页");
pub const FIRST_ROW: Text = ("first row", "第一行");
pub const LAST_ROW: Text = ("last row", "最后一行");
pub const EXPAND: Text = ("expand", "展开");
pub const COLLAPSE: Text = ("collapse / go to parent", "折叠 / 回到上级");
pub const TOGGLE_ALL: Text = ("fold/unfold all", "全部折叠/展开");
pub const MOVE: Text = ("move", "移动");
// the stand-up
pub const NEXT_PROJECT: Text = ("next project", "下一个项目");
pub const PREV_PROJECT: Text = ("previous project", "上一个项目");
pub const NEXT: Text = ("next", "下一个");
pub const BACK: Text = ("back", "上一个");
pub const NEXT_MILESTONE: Text = ("next milestone", "下一个里程碑");
pub const PREV_MILESTONE: Text = ("previous milestone", "上一个里程碑");
pub const MILESTONE: Text = ("milestone", "里程碑");
pub const SCROLL_DOWN: Text = ("scroll down", "向下滚动");
pub const SCROLL_UP: Text = ("scroll up", "向上滚动");
pub const SCROLL: Text = ("scroll", "滚动");
pub const SCROLL_PAGE_DOWN: Text = ("scroll a page down", "向下滚动一页");
pub const SCROLL_PAGE_UP: Text = ("scroll a page up", "向上滚动一页");
pub const PAGE: Text = ("page", "翻页");
pub const DETAIL_DOWN: Text = ("scroll detail down", "详情向下滚动");
pub const DETAIL_UP: Text = ("scroll detail up", "详情向上滚动");
// the overdue review
pub const NEW_DUE: Text = ("new due date", "修改截止日期");
pub const RESCHEDULE: Text = ("reschedule", "改期");
pub const MARK_DONE: Text = ("mark done", "标记完成");
pub const DONE: Text = ("done", "完成");
pub const RECORD_BLOCKER: Text = ("record a blocker", "记录阻断");
pub const BLOCKER: Text = ("blocker", "阻断");
// the board
pub const COLUMN_LEFT: Text = ("column to the left", "左边一列");
pub const COLUMN_RIGHT: Text = ("column to the right", "右边一列");
pub const COLUMN: Text = ("column", "列");
pub const NEXT_CARD: Text = ("next card", "下一张卡片");
pub const PREV_CARD: Text = ("previous card", "上一张卡片");
pub const CARD: Text = ("card", "卡片");
// editing
pub const PERCENT_UP_5: Text = ("percent +5", "进度 +5");
pub const PERCENT_DOWN_5: Text = ("percent -5", "进度 -5");
pub const PERCENT_UP_1: Text = ("percent +1", "进度 +1");
pub const PERCENT_DOWN_1: Text = ("percent -1", "进度 -1");
pub const PERCENT: Text = ("percent", "进度");
pub const NEXT_STAGE: Text = ("next stage", "下一阶段");
pub const PREV_STAGE: Text = ("previous stage", "上一阶段");
pub const STAGE: Text = ("stage", "阶段");
pub const SET_STATUS: Text = ("set the status", "设置状态");
pub const STATUS: Text = ("status", "状态");
pub const EDIT_FORM: Text = ("edit in a form", "在表单中编辑");
pub const EDIT: Text = ("edit", "编辑");
pub const ADD: Text = ("add milestone/project", "新增里程碑/项目");
pub const DELETE: Text = ("delete (asks first)", "删除（先确认）");
pub const UNDO: Text = ("undo", "撤销");
pub const REDO: Text = ("redo", "重做");
pub const RETRY: Text = ("retry unsaved edits", "重试保存未保存的修改");
pub const RELOAD: Text = ("reload file from disk", "从磁盘重新读取文件");
// the tree's own
pub const SEARCH: Text = ("search titles and ids", "搜索标题和 id");
pub const SEARCH_SHORT: Text = ("search", "搜索");
pub const NEXT_MATCH: Text = ("next match", "下一个匹配");
pub const PREV_MATCH: Text = ("previous match", "上一个匹配");
pub const FILTER_MENU: Text = ("filter menu", "筛选菜单");
pub const FILTER: Text = ("filter", "筛选");
pub const CLEAR_FILTER: Text = ("clear the filter", "清除筛选");
pub const STANDUP: Text = ("stand-up walkthrough", "站会：逐个过项目");
pub const STANDUP_SHORT: Text = ("stand-up", "站会");
pub const REVIEW: Text = ("overdue review", "逾期检查");
pub const REVIEW_SHORT: Text = ("overdue", "逾期");
pub const BOARD: Text = ("pipeline board", "阶段看板");
pub const TREND: Text = ("trend and forecast", "走势和预测");
pub const REPORT: Text = ("write the weekly report", "生成周报");
pub const DETAIL: Text = ("toggle detail pane", "显示/隐藏详情");
pub const HELP: Text = ("this help", "本帮助");
pub const HELP_SHORT: Text = ("help", "帮助");
pub const QUIT: Text = ("quit", "退出");
pub const BACK_TO_TREE: Text = ("back to the tree", "返回树视图");
pub const BACK_SHORT: Text = ("back", "返回");
// operations
pub const OPS: Text = ("metrics and incidents", "指标和生产事件");
pub const OPS_SHORT: Text = ("ops", "运行");
pub const PREV_WEEK: Text = ("previous week", "上一周");
pub const NEXT_WEEK: Text = ("next week", "下一周");
pub const WEEK: Text = ("week", "周");
pub const NEXT_ROW: Text = ("next metric/incident", "下一个指标/事件");
pub const PREV_ROW: Text = ("previous metric/incident", "上一个指标/事件");
pub const ADD_INCIDENT: Text = ("record an incident", "记录事件");
pub const ADD_SHORT: Text = ("incident", "事件");
pub const EDIT_OPS: Text = ("edit incident/set value", "编辑事件/设置数值");
// menus, forms and prompts
pub const FORM_FIELDS: Text = ("form: next/prev field", "表单：下/上一项");
pub const CONFIRM: Text = ("confirm", "确认");
pub const CANCEL: Text = ("cancel", "取消");
pub const MENU_MOVE: Text = ("menu: move", "菜单：移动");
pub const YES_NO: Text = ("yes / no", "是 / 否");
pub const TEXT_KEYS: Text = ("text: clear/word/home/end", "文本：清空/删词/行首尾");
