//! `--dry-run`: the edits as a unified diff, as `git diff` shows them.

use crate::output::escape::visible;
use similar::TextDiff;

/// The unified diff of one file's edit (3 lines of context), headed `a/PATH` and `b/PATH`, the path on its
/// line whatever its name (its hidden characters escaped). The lines are the file's, as they are.
pub fn unified(path: &str, old: &str, new: &str) -> String {
    let diff = TextDiff::from_lines(old, new);
    let path = visible(path);
    diff.unified_diff().context_radius(3).header(&format!("a/{path}"), &format!("b/{path}")).to_string()
}
