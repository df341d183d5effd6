//! Recording one objective in this week's file: only its lines change
//! (and the day the file was taken), the rest of the file stays as it is.
//! What `stride set` does, having read one objective file and not the
//! others.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::file::{DIR, item_line, metric_line, quoted, read};
use super::snapshot::Record;
use crate::core::fsio;
use crate::core::listing::each_in;
use crate::core::model::{Objective, Portfolio};
use crate::core::settings::iso_week_name;

/// Writes the items and metrics of the objective `id` of `p`, as its file
/// is on disk now, into the file of `today`'s week, in place of its lines
/// there: the lines of the other objectives are kept as they are. Returns
/// the file's path, or `None` when the week's file cannot be changed that
/// way (there is none yet, it does not hold the objective's lines in one
/// run, it is not as stride writes it, the objective's file no longer
/// loads): the caller then records the whole folder ([`super::record`]).
///
/// Under the week file's lock the objective's file is read again when it
/// changed, so that of several processes the last to write records the
/// newest state on disk.
pub fn record_objective(
    p: &Portfolio,
    id: &str,
    today: NaiveDate,
) -> std::io::Result<Option<PathBuf>> {
    // an id that needs escaping is left to the whole record
    if quoted(id) != ["\"", id, "\""].concat() || id.contains(['/', '\'']) {
        return Ok(None);
    }
    let week = iso_week_name(today);
    let path = p.dir.join(DIR).join(format!("{week}.toml"));
    if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return Ok(None);
    }
    let Some(file) = p.objectives.iter().find(|o| o.id == id).map(|o| o.file) else {
        return Ok(None);
    };
    let _lock = fsio::lock(&p.dir, &path)?;
    let fresh = p.file_on_disk(file);
    let p = fresh.as_ref().unwrap_or(p);
    let Some(o) = p.objectives.iter().find(|o| o.id == id) else {
        return Ok(None);
    };
    let Ok(old) = read(&path) else {
        return Ok(None);
    };
    let Some(text) = patched(&old, o, today) else {
        return Ok(None);
    };
    if text != old {
        fsio::write_own(&p.dir, &path, text.as_bytes())?;
    }
    Ok(Some(path))
}

/// `old`, a weekly file as [`super::render`] writes it, with the lines of
/// `o` as they are now and `taken` today; `None` if `old` is not so.
fn patched(old: &str, o: &Objective, today: NaiveDate) -> Option<String> {
    let mut items = String::new();
    each_in(o, today, |i| {
        item_line(&mut items, &i.path_string(), &Record::of_item(&i))
    });
    let mut metrics = String::new();
    for m in &o.metrics {
        metric_line(&mut metrics, &format!("{}/{}", o.id, m.id), m.value);
    }
    let lines: Vec<&str> = old.split_inclusive('\n').collect();
    let start = lines.iter().position(|l| *l == "[items]\n")?;
    let mut out = String::with_capacity(old.len() + items.len());
    // the header: the day taken is today
    let mut taken = false;
    for l in &lines[..start] {
        if l.starts_with("taken = ") {
            out.push_str(&format!("taken = {today}\n"));
            taken = true;
        } else {
            out.push_str(l);
        }
    }
    if !taken {
        return None;
    }
    out.push_str(lines[start]);
    let rest = &lines[start + 1..];
    let end = rest.iter().position(|l| *l == "\n").unwrap_or(rest.len());
    replace_run(&mut out, &rest[..end], &o.id, &items)?;
    let rest = &rest[end..];
    match rest {
        [] if metrics.is_empty() => {}
        [blank, header, metric_lines @ ..] if *blank == "\n" && *header == "[metrics]\n" => {
            out.push_str(blank);
            out.push_str(header);
            let before = out.len();
            replace_run(&mut out, metric_lines, &o.id, &metrics)?;
            // an emptied section is not written at all
            if out.len() == before {
                return None;
            }
        }
        _ => return None,
    }
    Some(out)
}

/// Writes `lines` (one line per key) to `out` with the run of lines of
/// objective `id` in place of `new`; `None` when a line is not one key's,
/// or the objective's lines are not one run, or it has none and `new` is
/// not empty (a new objective: where it goes is the whole record's).
fn replace_run(out: &mut String, lines: &[&str], id: &str, new: &str) -> Option<()> {
    let mut run: Option<(usize, usize)> = None;
    for (i, l) in lines.iter().enumerate() {
        if objective_of(l)? != id {
            continue;
        }
        match run {
            None => run = Some((i, i + 1)),
            Some((s, e)) if e == i => run = Some((s, i + 1)),
            Some(_) => return None,
        }
    }
    let (s, e) = match run {
        Some(r) => r,
        None if new.is_empty() => (lines.len(), lines.len()),
        None => return None,
    };
    lines[..s].iter().for_each(|l| out.push_str(l));
    out.push_str(new);
    lines[e..].iter().for_each(|l| out.push_str(l));
    Some(())
}

/// The objective a line's key starts with, as written between its opening
/// quote and the first `/` or closing quote; `None` for a line that does
/// not start with a one-line quoted key.
fn objective_of(line: &str) -> Option<&str> {
    let quote = line.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let key = &line[1..];
    if key.starts_with(quote) || !line.ends_with('\n') {
        return None;
    }
    let end = key.find(['/', quote])?;
    Some(&key[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn objective(text: &str) -> Objective {
        crate::core::load::portfolio_of(text).objectives.remove(0)
    }

    const HEAD: &str = "# c\nweek = \"2023-W25\"\ntaken = 2023-06-19\n\n[items]\n";

    #[test]
    fn only_the_objectives_run_and_the_day_change() {
        let o = objective("title = \"O\"\n[project.p]\ntitle = \"P\"\npercent = 40\n");
        let today = NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
        let old = format!(
            "{HEAD}\"a\" = {{ percent = 1, status = \"todo\" }}\n\"o\" = {{ percent = 9, status = \"todo\" }}\n\"o/p\" = {{ percent = 9, status = \"todo\" }}\n\"z\" = {{ percent = 2, status = \"todo\" }}\n"
        );
        let new = patched(&old, &o, today).unwrap();
        assert_eq!(
            new,
            "# c\nweek = \"2023-W25\"\ntaken = 2023-06-20\n\n[items]\n\"a\" = { percent = 1, status = \"todo\" }\n\"o\" = { percent = 40, status = \"in_progress\" }\n\"o/p\" = { percent = 40, status = \"in_progress\" }\n\"z\" = { percent = 2, status = \"todo\" }\n"
        );
        // the objective's lines apart, absent, or a line of another shape:
        // the whole record's
        for bad in [
            format!(
                "{HEAD}\"o\" = {{ percent = 1, status = \"todo\" }}\n\"a\" = {{ percent = 1, status = \"todo\" }}\n\"o/p\" = {{ percent = 1, status = \"todo\" }}\n"
            ),
            format!("{HEAD}\"a\" = {{ percent = 1, status = \"todo\" }}\n"),
            format!("{HEAD}\"o\" = {{ percent = 1, status = \"todo\" }}\n# by hand\n"),
            old.replace("taken = 2023-06-19\n", ""),
        ] {
            assert_eq!(patched(&bad, &o, today), None, "{bad}");
        }
    }
}
