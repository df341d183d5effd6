//! The visible rows of the objective > project > milestone tree: which nodes
//! are expanded, which row is selected, and the scroll offset.
//!
//! Only the visible rows are listed, and only when the tree's shape changes
//! (expand, collapse, filter, add, delete); moving the selection is O(1).

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::core::model::{ItemPath, ItemRef, Portfolio, Status};
use crate::core::rollup::{is_due_soon, overdue_days};
use crate::tui::strings::{self, Strings};

/// One row of the tree: indices into the portfolio, or a file that failed to load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Node {
    Objective(usize),
    Project(usize, usize),
    Milestone(usize, usize, usize),
    /// A file with errors, by its index in `Portfolio::files`.
    Broken(usize),
}

impl Node {
    /// The item this node shows, if it is an item.
    pub fn item<'a>(self, p: &'a Portfolio) -> Option<ItemRef<'a>> {
        match self {
            Node::Objective(o) => p.objectives.get(o).map(ItemRef::Objective),
            Node::Project(o, pr) => p.objectives.get(o)?.projects.get(pr).map(ItemRef::Project),
            Node::Milestone(o, pr, m) => {
                let project = p.objectives.get(o)?.projects.get(pr)?;
                project
                    .milestones
                    .get(m)
                    .map(|m| ItemRef::Milestone(m, project))
            }
            Node::Broken(_) => None,
        }
    }

    /// The path of the item this node shows.
    pub fn path(self, p: &Portfolio) -> Option<ItemPath> {
        match self {
            Node::Objective(o) => Some(ItemPath::objective(&p.objectives.get(o)?.id)),
            Node::Project(o, pr) => {
                let obj = p.objectives.get(o)?;
                Some(ItemPath::project(&obj.id, &obj.projects.get(pr)?.id))
            }
            Node::Milestone(o, pr, m) => {
                let obj = p.objectives.get(o)?;
                let project = obj.projects.get(pr)?;
                Some(ItemPath::milestone(
                    &obj.id,
                    &project.id,
                    &project.milestones.get(m)?.id,
                ))
            }
            Node::Broken(_) => None,
        }
    }

    /// Whether this node shows the item at `path` (without building its path).
    pub fn is_at(self, p: &Portfolio, path: &ItemPath) -> bool {
        let objective = |o: usize| p.objectives.get(o).is_some_and(|o| o.id == path.objective);
        let project = |o: usize, pr: usize| {
            p.objectives
                .get(o)
                .and_then(|o| o.projects.get(pr))
                .is_some_and(|pr| path.project.as_deref() == Some(pr.id.as_str()))
        };
        match self {
            Node::Objective(o) => path.project.is_none() && objective(o),
            Node::Project(o, pr) => path.milestone.is_none() && objective(o) && project(o, pr),
            Node::Milestone(o, pr, m) => {
                objective(o)
                    && project(o, pr)
                    && p.objectives[o].projects[pr]
                        .milestones
                        .get(m)
                        .is_some_and(|m| path.milestone.as_deref() == Some(m.id.as_str()))
            }
            Node::Broken(_) => false,
        }
    }

    /// 0 for objectives and broken files, 1 for projects, 2 for milestones.
    pub fn depth(self) -> usize {
        match self {
            Node::Objective(_) | Node::Broken(_) => 0,
            Node::Project(..) => 1,
            Node::Milestone(..) => 2,
        }
    }

    pub fn has_children(self, p: &Portfolio) -> bool {
        match self {
            Node::Objective(o) => p.objectives.get(o).is_some_and(|o| !o.projects.is_empty()),
            Node::Project(o, pr) => p
                .objectives
                .get(o)
                .and_then(|o| o.projects.get(pr))
                .is_some_and(|p| !p.milestones.is_empty()),
            _ => false,
        }
    }
}

/// What the tree shows when a filter is on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TreeFilter {
    pub status: Option<Status>,
    /// An owner: their items, and the milestones of the projects they own.
    pub owner: Option<String>,
    pub overdue_only: bool,
    /// Items due within this many days (the settings' `due_soon_days`);
    /// with `overdue_only`, late or due soon.
    pub due_soon: Option<i64>,
}

impl TreeFilter {
    pub fn is_active(&self) -> bool {
        self.status.is_some()
            || self.owner.is_some()
            || self.overdue_only
            || self.due_soon.is_some()
    }

    /// Whether the item itself matches (its descendants aside).
    pub fn matches(&self, item: ItemRef<'_>, today: NaiveDate) -> bool {
        self.matches_under(item, None, today)
    }

    /// [`TreeFilter::matches`] for an item under a project owned by
    /// `project_owner`: the owner's filter keeps it too.
    pub fn matches_under(
        &self,
        item: ItemRef<'_>,
        project_owner: Option<&str>,
        today: NaiveDate,
    ) -> bool {
        let status = item.status();
        let f = item.fields();
        let dated = match (self.overdue_only, self.due_soon) {
            (false, None) => true,
            (late, soon) => {
                (late && overdue_days(f.due, status, today) > 0)
                    || soon.is_some_and(|d| is_due_soon(f.due, status, today, d))
            }
        };
        let same = |o: &str, x: Option<&str>| x.is_some_and(|x| x.trim() == o.trim());
        self.status.is_none_or(|s| s == status)
            && self
                .owner
                .as_deref()
                .is_none_or(|o| same(o, f.owner.as_deref()) || same(o, project_owner))
            && dated
    }

    /// A short description for the header: `status=blocked owner=李四 overdue`.
    pub fn describe(&self) -> String {
        self.describe_in(Strings::default())
    }

    /// [`TreeFilter::describe`] in a language: `状态=阻断 负责人=李四 逾期`.
    pub fn describe_in(&self, t: Strings) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.status {
            parts.push(t.filter_status(s));
        }
        if let Some(o) = &self.owner {
            parts.push(t.filter_owner(o));
        }
        if self.overdue_only {
            parts.push(t.get(strings::FILTER_OVERDUE).to_string());
        }
        if self.due_soon.is_some() {
            parts.push(t.get(strings::FILTER_DUE_SOON).to_string());
        }
        parts.join(" ")
    }
}

/// Expansion, visible rows, selection and scroll of the tree.
#[derive(Clone, Debug, Default)]
pub struct Tree {
    /// Paths of the expanded objectives and projects.
    pub expanded: HashSet<ItemPath>,
    /// The visible rows, top to bottom.
    pub rows: Vec<Node>,
    /// Index of the selected row in `rows`.
    pub selected: usize,
    /// Index of the first row on screen.
    pub offset: usize,
    /// The first line shown of the detail pane when the selected item's
    /// text is longer than the pane; back to the top when the selection
    /// moves, kept within the text when drawn.
    pub detail_scroll: usize,
    /// Which items show; all when the filter is not active.
    pub filter: TreeFilter,
}

impl Tree {
    /// A tree with every objective expanded, projects folded.
    pub fn new(p: &Portfolio, today: NaiveDate) -> Self {
        let mut tree = Tree {
            expanded: p
                .objectives
                .iter()
                .map(|o| ItemPath::objective(&o.id))
                .collect(),
            ..Tree::default()
        };
        tree.rebuild(p, today);
        tree
    }

    pub fn selected_node(&self) -> Option<Node> {
        self.rows.get(self.selected).copied()
    }

    /// Lists the visible rows again, keeping the selected item selected
    /// (or the nearest row when it is gone).
    pub fn rebuild(&mut self, p: &Portfolio, today: NaiveDate) {
        let keep = self.selected_node().and_then(|n| n.path(p));
        self.rebuild_keeping(p, today, keep.as_ref());
    }

    /// Lists the visible rows again and selects `keep` if it is visible.
    pub fn rebuild_keeping(&mut self, p: &Portfolio, today: NaiveDate, keep: Option<&ItemPath>) {
        let old_selected = self.selected;
        let filter = &self.filter;
        self.rows.clear();
        let filtering = filter.is_active();
        let mut objectives = p.objectives.iter().enumerate().peekable();
        for (fi, file) in p.files.iter().enumerate() {
            if !file.loaded {
                if !filtering {
                    self.rows.push(Node::Broken(fi));
                }
                continue;
            }
            let Some((oi, o)) = objectives.next_if(|(_, o)| o.file == fi) else {
                continue;
            };
            let opath = ItemPath::objective(&o.id);
            let start = self.rows.len();
            self.rows.push(Node::Objective(oi));
            if !(filtering || self.expanded.contains(&opath)) {
                continue;
            }
            // one path, its project id written over for each project
            let mut ppath = ItemPath::project(&o.id, "");
            for (pi, pr) in o.projects.iter().enumerate() {
                let pstart = self.rows.len();
                self.rows.push(Node::Project(oi, pi));
                let open = filtering || {
                    if let Some(id) = &mut ppath.project {
                        id.clear();
                        id.push_str(&pr.id);
                    }
                    self.expanded.contains(&ppath)
                };
                let mut any = false;
                if open {
                    for (mi, m) in pr.milestones.iter().enumerate() {
                        let owner = pr.fields.owner.as_deref();
                        if !filtering
                            || filter.matches_under(ItemRef::Milestone(m, pr), owner, today)
                        {
                            self.rows.push(Node::Milestone(oi, pi, mi));
                            any = true;
                        }
                    }
                }
                if filtering && !any && !filter.matches(ItemRef::Project(pr), today) {
                    self.rows.truncate(pstart);
                }
            }
            if filtering
                && self.rows.len() == start + 1
                && !filter.matches(ItemRef::Objective(o), today)
            {
                self.rows.truncate(start);
            }
        }
        self.selected = keep
            .and_then(|k| self.rows.iter().position(|n| n.is_at(p, k)))
            .unwrap_or(old_selected)
            .min(self.rows.len().saturating_sub(1));
    }

    /// Moves the selection by `delta` rows, clamped to the list.
    pub fn move_by(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        let last = self.rows.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.detail_scroll = 0;
    }

    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.rows.len().saturating_sub(1));
        self.detail_scroll = 0;
    }

    /// Keeps the selected row within a window of `height` rows.
    pub fn scroll_into_view(&mut self, height: usize) {
        if height == 0 {
            return;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        let max_offset = self.rows.len().saturating_sub(height);
        self.offset = self.offset.min(max_offset);
    }

    /// Whether the node at `path` is expanded.
    pub fn is_expanded(&self, path: &ItemPath) -> bool {
        self.expanded.contains(path)
    }

    /// Expands every objective and project, or folds them all when all are open.
    pub fn toggle_all(&mut self, p: &Portfolio) {
        let all: Vec<ItemPath> = p
            .objectives
            .iter()
            .flat_map(|o| {
                std::iter::once(ItemPath::objective(&o.id))
                    .chain(o.projects.iter().map(|pr| ItemPath::project(&o.id, &pr.id)))
            })
            .collect();
        if all.iter().all(|x| self.expanded.contains(x)) {
            self.expanded.clear();
        } else {
            self.expanded.extend(all);
        }
    }

    /// Expands the ancestors of `path`, so that it shows after a rebuild.
    pub fn reveal(&mut self, path: &ItemPath) {
        let mut up = path.parent();
        while let Some(p) = up {
            up = p.parent();
            self.expanded.insert(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_node_is_at_the_path_it_has() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let p = crate::core::load_dir(&dir).unwrap();
        let today = NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
        let mut tree = Tree::new(&p, today);
        tree.toggle_all(&p);
        tree.rebuild(&p, today);
        let paths: Vec<ItemPath> = tree.rows.iter().filter_map(|n| n.path(&p)).collect();
        assert!(paths.len() > 20);
        for n in &tree.rows {
            for path in &paths {
                assert_eq!(n.is_at(&p, path), n.path(&p).as_ref() == Some(path));
            }
        }
    }
}
