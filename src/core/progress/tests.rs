//! The edits a status, stage or count change brings, and `+`/`-` steps.

use super::{consistent, consistent_changes, step_progress};
use crate::core::edit::{Change, Edit, Field, Value};
use crate::core::model::{ItemPath, ItemRef, Portfolio, Status};

const TEXT: &str = "title='O'
[project.ch]
title='通道'
stages=['开发','测试','联调','上线','投产']
[project.ch.milestone.upinstall]
title='银联信用卡分期'
stage='测试'
[project.ch.milestone.upcollect]
title='银联代收'
stage='上线'
percent=75
[project.ch.milestone.count]
title='开户优化需求'
total=14
done=4
[project.ch.milestone.ctx]
title='context'
total=164
percent=95.46
[project.ops]
title='P'
percent=40
";

fn portfolio() -> Portfolio {
    crate::core::load::portfolio_of(TEXT)
}

fn m(id: &str) -> ItemPath {
    ItemPath::milestone("o", "ch", id)
}

fn extra(p: &Portfolio, edits: Vec<Edit>) -> Vec<Edit> {
    let n = edits.len();
    consistent(p, edits).split_off(n)
}

#[test]
fn done_on_a_staged_milestone_moves_it_to_the_last_stage() {
    let p = portfolio();
    let set = Edit::set(m("upinstall"), Field::Status, Value::Status(Status::Done));
    assert_eq!(
        extra(&p, vec![set]),
        vec![Edit::set(
            m("upinstall"),
            Field::Stage,
            Value::Text("投产".into())
        )]
    );
}

#[test]
fn done_sets_a_percent_below_100_to_100_and_completes_the_count() {
    let p = portfolio();
    let done = |id: &str| Edit::set(m(id), Field::Status, Value::Status(Status::Done));
    assert_eq!(
        extra(&p, vec![done("upcollect")]),
        vec![
            Edit::set(m("upcollect"), Field::Stage, Value::Text("投产".into())),
            Edit::set(m("upcollect"), Field::Percent, Value::Number(100.0)),
        ]
    );
    assert_eq!(
        extra(&p, vec![done("count")]),
        vec![Edit::set(m("count"), Field::Done, Value::Count(14))]
    );
    let project = ItemPath::project("o", "ops");
    assert_eq!(
        extra(
            &p,
            vec![Edit::set(
                project.clone(),
                Field::Status,
                Value::Status(Status::Done)
            )]
        ),
        vec![Edit::set(project, Field::Percent, Value::Number(100.0))]
    );
}

#[test]
fn fields_the_edits_set_themselves_are_left_as_asked() {
    let p = portfolio();
    let edits = vec![
        Edit::set(m("upcollect"), Field::Status, Value::Status(Status::Done)),
        Edit::set(m("upcollect"), Field::Stage, Value::Text("上线".into())),
        Edit::set(m("upcollect"), Field::Percent, Value::Number(50.0)),
    ];
    assert_eq!(extra(&p, edits), vec![]);
    // a status other than done brings nothing
    let todo = Edit::set(m("upinstall"), Field::Status, Value::Status(Status::Todo));
    assert_eq!(extra(&p, vec![todo]), vec![]);
}

#[test]
fn a_new_stage_removes_a_percent_outside_its_range() {
    let p = portfolio();
    let stage = |s: &str| Edit::set(m("upcollect"), Field::Stage, Value::Text(s.into()));
    // 75 is in 上线's range (60, 80]: kept when the stage is set again
    assert_eq!(extra(&p, vec![stage("上线")]), vec![]);
    assert_eq!(
        extra(&p, vec![stage("投产")]),
        vec![Edit::remove(m("upcollect"), Field::Percent)]
    );
    assert_eq!(
        extra(&p, vec![stage("联调")]),
        vec![Edit::remove(m("upcollect"), Field::Percent)]
    );
    // no explicit percent: nothing to remove
    let plain = Edit::set(m("upinstall"), Field::Stage, Value::Text("投产".into()));
    assert_eq!(extra(&p, vec![plain]), vec![]);
}

#[test]
fn new_counts_remove_a_percent_that_disagrees() {
    let mut p = portfolio();
    p.apply(&Edit::set(m("count"), Field::Percent, Value::Number(33.57)))
        .unwrap();
    let done = Edit::set(m("count"), Field::Done, Value::Count(5));
    assert_eq!(
        extra(&p, vec![done]),
        vec![Edit::remove(m("count"), Field::Percent)]
    );
    // 5 of 14 is 35.71: a percent saying so agrees
    p.apply(&Edit::set(m("count"), Field::Percent, Value::Number(35.71)))
        .unwrap();
    let done = Edit::set(m("count"), Field::Done, Value::Count(5));
    assert_eq!(extra(&p, vec![done]), vec![]);
}

#[test]
fn changes_bring_the_same_edits_after_theirs() {
    let p = portfolio();
    let changes = vec![Change::field(Edit::set(
        m("upinstall"),
        Field::Status,
        Value::Status(Status::Done),
    ))];
    let out = consistent_changes(&p, changes);
    assert_eq!(out.len(), 2);
    let Change::Field { edit, .. } = &out[1] else {
        panic!("a field change");
    };
    assert_eq!(edit.field, Field::Stage);
    assert_eq!(edit.value, Some(Value::Text("投产".into())));
}

#[test]
fn steps_move_done_by_one_on_a_count_and_the_percent_otherwise() {
    let p = portfolio();
    let step = |id: &str, delta: f64| {
        let Some(ItemRef::Milestone(ms, proj)) = p.get(&m(id)) else {
            panic!("{id}");
        };
        step_progress(ms, &proj.stages, &m(id), delta)
    };
    for delta in [5.0, 1.0] {
        assert_eq!(
            step("count", delta),
            Some(Edit::set(m("count"), Field::Done, Value::Count(5)))
        );
    }
    assert_eq!(
        step("count", -5.0),
        Some(Edit::set(m("count"), Field::Done, Value::Count(3)))
    );
    // a percent given with a total for context: the percent moves
    assert_eq!(
        step("ctx", 1.0),
        Some(Edit::set(m("ctx"), Field::Percent, Value::Number(96.46)))
    );
    assert_eq!(
        step("upinstall", 5.0),
        Some(Edit::set(
            m("upinstall"),
            Field::Percent,
            Value::Number(45.0)
        ))
    );
}

#[test]
fn steps_stop_at_the_ends() {
    let mut p = portfolio();
    p.apply(&Edit::set(m("count"), Field::Done, Value::Count(14)))
        .unwrap();
    let Some(ItemRef::Milestone(ms, proj)) = p.get(&m("count")) else {
        panic!("count");
    };
    assert_eq!(step_progress(ms, &proj.stages, &m("count"), 5.0), None);
    assert_eq!(
        step_progress(ms, &proj.stages, &m("count"), -1.0),
        Some(Edit::set(m("count"), Field::Done, Value::Count(13)))
    );
    let mut zero = ms.clone();
    zero.done = Some(0);
    assert_eq!(step_progress(&zero, &proj.stages, &m("count"), -5.0), None);
}

#[test]
fn progress_set_below_100_on_a_done_item_takes_its_done_status_away() {
    let mut p = portfolio();
    let done = Edit::set(m("upcollect"), Field::Status, Value::Status(Status::Done));
    for e in consistent(&p, vec![done]) {
        p.apply(&e).unwrap();
    }
    assert_eq!(p.get(&m("upcollect")).unwrap().percent(), 100.0);
    // back a stage: 100 does not fit 上线, and done no longer holds
    let back = Edit::set(m("upcollect"), Field::Stage, Value::Text("上线".into()));
    assert_eq!(
        extra(&p, vec![back]),
        vec![
            Edit::remove(m("upcollect"), Field::Percent),
            Edit::remove(m("upcollect"), Field::Status),
        ]
    );
    // a percent below 100, given with the status kept: as asked
    let both = vec![
        Edit::set(m("upcollect"), Field::Percent, Value::Number(95.0)),
        Edit::set(m("upcollect"), Field::Status, Value::Status(Status::Done)),
    ];
    assert_eq!(extra(&p, both), vec![]);
    // a percent of 100 keeps it done
    let full = Edit::set(m("upcollect"), Field::Percent, Value::Number(100.0));
    assert_eq!(extra(&p, vec![full]), vec![]);
}

#[test]
fn a_percent_below_100_at_the_last_stage_moves_back_a_stage() {
    let mut p = portfolio();
    p.apply(&Edit::set(
        m("upinstall"),
        Field::Stage,
        Value::Text("投产".into()),
    ))
    .unwrap();
    p.apply(&Edit::set(
        m("upinstall"),
        Field::Status,
        Value::Status(Status::Done),
    ))
    .unwrap();
    let down = Edit::set(m("upinstall"), Field::Percent, Value::Number(95.0));
    assert_eq!(
        extra(&p, vec![down]),
        vec![
            Edit::set(m("upinstall"), Field::Stage, Value::Text("上线".into())),
            Edit::remove(m("upinstall"), Field::Status),
        ]
    );
}
