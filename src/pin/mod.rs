//! `fixity pin` and `fixity update`: the references `check` reports as unpinned (or, for `update`, the
//! pins that carry their tag), what must be resolved online for each, and the byte edits that pin them.
//! Only the bytes of a reference change, plus the version comment or `digest:` key added; a file that
//! could not be parsed whole is never edited.

mod diff;
mod edit;
pub mod verify;

use crate::model::{LineIndex, Span};
use crate::output::escape::{self, line_start, visible};
use crate::reference::include::IncludeKind;
use crate::reference::include::{self, ComponentVersion};
use crate::reference::module::{self, Source as ModuleSource};
use crate::reference::{action, git as gitref, image, RefKind, Reference, Resolved};
use edit::GitStyle;
use crate::resolve::git::{Forge, Found, Repository};
use crate::resolve::registry::Manifest;
use crate::resolve::{Outcome, Resolver, Servers, Target};
use crate::url::{host_of, is_loopback, is_secure};
use crate::rules::{unanalyzable_reference, unpinned_action, unpinned_image, unpinned_include, unpinned_module, unpinned_source, Verdict, Why};
use serde::Serialize;

/// A file with references, kept whole for its edits.
#[derive(Debug)]
pub struct File {
    pub path: String,
    /// The whole text, a byte-order mark included (spans count it).
    text: String,
    /// Not parsed whole: never edited.
    unreadable: bool,
    references: Vec<(Reference, Option<Verdict>)>,
}

impl File {
    pub fn new(path: &str, bytes: &[u8], unreadable: bool, references: Vec<(Reference, Option<Verdict>)>) -> File {
        // Only text that analysis read as UTF-8 has references.
        File { path: path.to_string(), text: String::from_utf8_lossy(bytes).into_owned(), unreadable, references }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// `update`: refresh pins that carry their tag, instead of pinning what is unpinned.
    pub update: bool,
    /// Pin branch refs too (`@main` → `@<sha> # main`).
    pub branches: bool,
}

/// What a reference needs, decided before anything is fetched.
#[derive(Debug)]
enum Need {
    /// The digest of target `0`'s manifest, written after the tag.
    Digest(usize),
    /// A commit in `target`'s repository, written in place of `old` in `style`.
    Commit { target: usize, want: Want, old: String, style: GitStyle },
    /// The integrity hash of target `0`'s file (a remote include).
    Integrity(usize),
    /// It cannot be pinned, and why.
    Cannot(String),
}

/// Which commit a git reference wants.
#[derive(Debug)]
enum Want {
    /// The commit of this tag (or, with `--branches`, branch).
    Ref(String),
    /// The newest `X.Y.Z` release tag, within a partial version if any (a component's `~latest`, `1`,
    /// `1.2`).
    Newest(Option<String>),
}

/// One reference to pin, where it is, and what it needs.
#[derive(Debug)]
struct Wanted {
    file: usize,
    reference: Reference,
    /// The reference's value with the file's own variables substituted.
    value: String,
    need: Need,
}

/// One reference changed, in reference terms.
#[derive(Debug, Serialize)]
pub struct Change {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub from: String,
    pub to: String,
}

/// One reference that could not be pinned, and why.
#[derive(Debug, Serialize)]
pub struct Unresolved {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub subject: String,
    pub reason: String,
}

/// A run of `pin` or `update`: the references, the resolver their targets are fetched by, and at the end
/// the files edited.
pub struct Pinner {
    files: Vec<File>,
    wanted: Vec<Wanted>,
    pub resolver: Resolver,
    options: Options,
}

impl Pinner {
    pub fn new(files: Vec<File>, mut resolver: Resolver, options: Options) -> Pinner {
        let mut wanted = Vec::new();
        for (i, file) in files.iter().enumerate() {
            for (reference, verdict) in &file.references {
                let Some(need) = need(reference, verdict.as_ref(), &file.text, options, &mut resolver) else { continue };
                let value = match (&reference.resolved, verdict) {
                    (_, Some(v)) => v.value.clone(),
                    (Resolved::Value(value), None) => value.clone(),
                    (Resolved::Unresolved(_), None) => reference.written.clone(),
                };
                let need = if file.unreadable { Need::Cannot("the file could not be parsed whole, so it is not edited".into()) } else { need };
                wanted.push(Wanted { file: i, reference: reference.clone(), value, need });
            }
        }
        Pinner { files, wanted, resolver, options }
    }

    /// The edits, with what changed and what could not be pinned. Call when the resolver has no request
    /// left.
    pub fn finish(&self) -> Result {
        let mut result = Result::default();
        let mut edits: Vec<Vec<(Span, String, usize)>> = vec![Vec::new(); self.files.len()];
        let mut changes: Vec<Option<Change>> = Vec::new();
        for wanted in &self.wanted {
            let file = &self.files[wanted.file];
            let lines = LineIndex::new(&file.text);
            let place = lines.place(wanted.reference.span);
            let outcome = self.pin(wanted, &file.text);
            match outcome {
                // `update` of a pin that is current.
                Ok(pinned) if pinned.edits.iter().all(|(span, text)| file.text.get(span.start as usize..span.end as usize) == Some(text.as_str())) => {}
                Ok(pinned) => {
                    let index = changes.len();
                    changes.push(Some(Change { path: file.path.clone(), line: place.line, column: place.column, from: wanted.value.clone(), to: pinned.to }));
                    edits[wanted.file].extend(pinned.edits.into_iter().map(|(span, text)| (span, text, index)));
                }
                Err(reason) => result.unresolved.push(Unresolved { path: file.path.clone(), line: place.line, column: place.column, subject: wanted.reference.written.clone(), reason }),
            }
        }
        for (i, mut file_edits) in edits.into_iter().enumerate() {
            if file_edits.is_empty() {
                continue;
            }
            // The same edit made for two references (a `FROM` twice from one `ARG`) is made once.
            file_edits.sort_by_key(|(span, _, _)| (span.start, span.end));
            file_edits.dedup_by(|b, a| a.0 == b.0 && a.1 == b.1);
            let file = &self.files[i];
            let text = edit::apply(&file.text, &file_edits.iter().map(|(s, t, _)| (*s, t.as_str())).collect::<Vec<_>>());
            if text == file.text {
                continue;
            }
            result.diff.push_str(&diff::unified(&file.path, &file.text, &text));
            result.files.push((file.path.clone(), text));
        }
        result.changes = changes.into_iter().flatten().collect();
        // In the order findings are reported.
        result.changes.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        result.unresolved.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        result.changes.dedup_by(|b, a| a.path == b.path && a.line == b.line && a.column == b.column && a.to == b.to);
        result
    }

    fn pin(&self, wanted: &Wanted, text: &str) -> std::result::Result<edit::Pinned, String> {
        match &wanted.need {
            Need::Cannot(reason) => Err(reason.clone()),
            Need::Digest(target) => match self.resolver.outcome(*target) {
                Some(Ok(Outcome::Digest(digest))) => edit::image(text, &wanted.reference, &wanted.value, digest),
                Some(Err(reason) | Ok(Outcome::Missing(reason))) => Err(reason.clone()),
                _ => Err("not resolved".into()),
            },
            Need::Commit { target, want, old, style } => match self.resolver.outcome(*target) {
                Some(Ok(Outcome::Refs(refs))) => {
                    let (commit, version) = match want {
                        Want::Ref(git_ref) => {
                            let commit = match refs.find(git_ref) {
                                Found::Tag(commit) => commit,
                                Found::Branch(commit) if self.options.branches => commit,
                                Found::Branch(_) => return Err(format!("`{git_ref}` is a branch; `--branches` pins branches too")),
                                Found::Missing => return Err(format!("`{git_ref}` is no tag or branch of the repository")),
                            };
                            (commit, refs.most_specific(git_ref, commit))
                        }
                        Want::Newest(within) => match refs.newest_release(within.as_deref()) {
                            Some((tag, commit)) => (commit, tag.to_string()),
                            None => return Err(format!("the repository has no release tag{}", within.as_ref().map(|w| format!(" in `{w}`")).unwrap_or_default())),
                        },
                    };
                    edit::commit(text, &wanted.reference, &wanted.value, *style, old, commit, &version)
                }
                Some(Err(reason) | Ok(Outcome::Missing(reason))) => Err(reason.clone()),
                _ => Err("not resolved".into()),
            },
            Need::Integrity(target) => match self.resolver.outcome(*target) {
                Some(Ok(Outcome::Integrity(integrity))) => edit::integrity(text, &wanted.reference, &wanted.value, integrity),
                Some(Err(reason) | Ok(Outcome::Missing(reason))) => Err(reason.clone()),
                _ => Err("not resolved".into()),
            },
        }
    }
}

/// What a run of `pin` or `update` ends with.
#[derive(Debug, Default)]
pub struct Result {
    pub changes: Vec<Change>,
    pub unresolved: Vec<Unresolved>,
    /// The edited files, whole: path and new text.
    pub files: Vec<(String, String)>,
    /// The unified diff of every edited file.
    pub diff: String,
}

impl Result {
    /// 0: everything asked for is pinned; 1: something could not be.
    pub fn exit_code(&self) -> i32 {
        i32::from(!self.unresolved.is_empty())
    }

    /// The JSON report: `{version, changes, unresolved}`.
    pub fn json(&self) -> String {
        let report = serde_json::json!({"version": 1, "changes": self.changes, "unresolved": self.unresolved});
        escape::json(serde_json::to_string_pretty(&report).unwrap_or_default()) + "\n"
    }

    /// The text report: one line per change and per reference not pinned, then a summary. Paths and
    /// references come from the repository and reasons from servers: shown as `check`'s reports show them.
    pub fn text(&self, written: bool) -> String {
        let mut out = String::new();
        for c in &self.changes {
            out.push_str(&format!("{}:{}:{}: {} -> {}\n", line_start(&visible(&c.path)), c.line, c.column, visible(&c.from), visible(&c.to)));
        }
        for u in &self.unresolved {
            out.push_str(&format!("{}:{}:{}: `{}` not pinned: {}\n", line_start(&visible(&u.path)), u.line, u.column, visible(&u.subject), visible(&u.reason)));
        }
        let verb = if written { "Pinned" } else { "Would pin" };
        let files = self.files.len();
        out.push_str(&format!("{verb} {} {} in {files} {}", self.changes.len(), plural(self.changes.len(), "reference"), plural(files, "file")));
        if !self.unresolved.is_empty() {
            out.push_str(&format!("; {} could not be pinned", self.unresolved.len()));
        }
        out.push_str(".\n");
        out
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        noun.to_string()
    } else {
        format!("{noun}s")
    }
}

/// What pinning `reference` needs, or `None` when the command leaves it alone.
fn need(reference: &Reference, verdict: Option<&Verdict>, text: &str, options: Options, resolver: &mut Resolver) -> Option<Need> {
    if options.update {
        return verdict.is_none().then(|| refresh(reference, text, resolver)).flatten();
    }
    let verdict = verdict?;
    if verdict.rule.name == unanalyzable_reference::RULE.name {
        let Why::Unresolved(names) = &verdict.why else { return None };
        return Some(Need::Cannot(format!("built from {} this file does not define", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "))));
    }
    let servers = resolver.servers().clone();
    let value = verdict.value.as_str();
    let commit = |resolver: &mut Resolver, repository: Repository, want: Want, old: &str, style| {
        Some(Need::Commit { target: resolver.want(Target::Refs(repository)), want, old: old.to_string(), style })
    };
    match &reference.kind {
        RefKind::Image if verdict.rule.name == unpinned_image::RULE.name => {
            if let Why::UnpinnedWhatever(names) = &verdict.why {
                return Some(Need::Cannot(format!("built from {} this file does not define", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "))));
            }
            let parsed = image::parse(value).ok()?;
            let tag = parsed.tag.unwrap_or("latest");
            Some(Need::Digest(resolver.want(Target::Manifest(Manifest::new(parsed.domain, parsed.path, tag, &servers)))))
        }
        RefKind::Action { .. } if verdict.rule.name == unpinned_action::RULE.name => {
            let parsed = action::parse(value).ok()?;
            let Some(git_ref) = parsed.git_ref else { return Some(Need::Cannot("no `@ref` to resolve".into())) };
            if let Some(cannot) = short_sha(git_ref) {
                return Some(cannot);
            }
            let repository = github_repository(&servers, parsed.name)?;
            commit(resolver, repository, Want::Ref(git_ref.to_string()), git_ref, GitStyle::At)
        }
        RefKind::Include(kind) if verdict.rule.name == unpinned_include::RULE.name => match kind {
            IncludeKind::Project => {
                let (project, git_ref) = include::split_version(value);
                let Some(git_ref) = git_ref else { return Some(Need::Cannot("it has no `ref:`; add the tag you mean, then pin".into())) };
                if let Some(cannot) = short_sha(git_ref) {
                    return Some(cannot);
                }
                let repository = Repository { url: format!("{}/{}", servers.gitlab.trim_end_matches('/'), project.trim_matches('/')), forge: Forge::GitLab };
                commit(resolver, repository, Want::Ref(git_ref.to_string()), git_ref, GitStyle::Alone)
            }
            IncludeKind::Component => {
                let (path, version) = include::split_version(value);
                let Some(version) = version else { return Some(Need::Cannot("it has no `@version`; add the version you mean, then pin".into())) };
                let want = match include::component_version(version) {
                    ComponentVersion::Latest => Want::Newest(None),
                    ComponentVersion::Partial => Want::Newest(Some(version.to_string())),
                    ComponentVersion::Release => Want::Ref(version.to_string()),
                    ComponentVersion::Ref(_) => match short_sha(version) {
                        Some(cannot) => return Some(cannot),
                        None => Want::Ref(version.to_string()),
                    },
                };
                let Some(repository) = component_repository(&servers, path) else { return Some(Need::Cannot("its path is not `host/group/project/component`".into())) };
                commit(resolver, repository, want, version, GitStyle::At)
            }
            IncludeKind::Remote { integrity: None } => {
                if !is_secure(value) {
                    return Some(Need::Cannot("only an `https://` URL is fetched to compute its hash".into()));
                }
                Some(Need::Integrity(resolver.want(Target::File(value.to_string()))))
            }
            IncludeKind::Remote { integrity: Some(_) } => Some(Need::Cannot("its `integrity:` is not well formed; remove it and pin again".into())),
            IncludeKind::Template => None,
        },
        RefKind::Module { .. } if verdict.rule.name == unpinned_module::RULE.name => match module::parse(value) {
            ModuleSource::Vcs { key: "ref", pinned_to: Some(git_ref) } => {
                if let Some(cannot) = short_sha(git_ref) {
                    return Some(cannot);
                }
                match module_repository(&servers, value) {
                    Ok(repository) => commit(resolver, repository, Want::Ref(git_ref.to_string()), git_ref, GitStyle::Query),
                    Err(reason) => Some(Need::Cannot(reason)),
                }
            }
            ModuleSource::Vcs { pinned_to: None, .. } => Some(Need::Cannot("it has no `?ref=`; add the tag you mean, then pin".into())),
            ModuleSource::Vcs { .. } => Some(Need::Cannot("fixity resolves git sources only, not Mercurial".into())),
            ModuleSource::Registry => Some(Need::Cannot("a registry module is pinned by an exact `version`, which fixity does not choose for you".into())),
            _ => Some(Need::Cannot("an archive at a URL has no immutable reference".into())),
        },
        RefKind::Source(source) if verdict.rule.name == unpinned_source::RULE.name => {
            let (Some(at), true) = (&source.at, reference.location.starts_with("repos/") && reference.location.ends_with("/rev")) else {
                return Some(Need::Cannot(format!("fixity pin does not pin {} sources yet", if reference.location.starts_with("repos/") { "these" } else { "GitOps and CircleCI" })));
            };
            if let Some(cannot) = short_sha(&at.value) {
                return Some(cannot);
            }
            let (url, _) = value.rsplit_once('@')?;
            let repository = Repository { url: url.trim_end_matches('/').trim_end_matches(".git").to_string(), forge: forge_of(&servers, url) };
            if !is_secure(&repository.url) {
                return Some(Need::Cannot("only `https://` repositories are resolved".into()));
            }
            commit(resolver, repository, Want::Ref(at.value.clone()), &at.value, GitStyle::Frozen)
        }
        _ => None,
    }
}

fn short_sha(git_ref: &str) -> Option<Need> {
    (gitref::pin(git_ref) == gitref::Pin::ShortSha).then(|| Need::Cannot(format!("`{git_ref}` is a short SHA; write the full commit SHA")))
}

/// `owner/repo[/path]` on the GitHub server.
fn github_repository(servers: &Servers, name: &str) -> Option<Repository> {
    let mut parts = name.splitn(3, '/');
    let (owner, repo) = (parts.next()?, parts.next()?);
    Some(Repository { url: format!("{}/{owner}/{repo}", servers.github.trim_end_matches('/')), forge: Forge::GitHub })
}

/// Which forge's credentials a repository URL may get: the one whose server it is on.
fn forge_of(servers: &Servers, url: &str) -> Forge {
    let host = host_of(url);
    if host.eq_ignore_ascii_case(host_of(&servers.github)) {
        Forge::GitHub
    } else if host.eq_ignore_ascii_case(host_of(&servers.gitlab)) {
        Forge::GitLab
    } else {
        Forge::Other
    }
}

/// A component's project: `host/group/project/component` without the component, on the GitLab server
/// when the host is `$CI_SERVER_FQDN` (or that server's host).
fn component_repository(servers: &Servers, path: &str) -> Option<Repository> {
    let (host, rest) = path.split_once('/')?;
    let (project, _component) = rest.rsplit_once('/')?;
    let server = servers.gitlab.trim_end_matches('/');
    let own = matches!(host, "$CI_SERVER_FQDN" | "${CI_SERVER_FQDN}" | "$CI_SERVER_HOST" | "${CI_SERVER_HOST}") || host.eq_ignore_ascii_case(host_of(server));
    let base = match own {
        true => server.to_string(),
        false if is_loopback(host) => format!("http://{host}"),
        false => format!("https://{host}"),
    };
    let url = format!("{base}/{project}");
    Some(Repository { forge: forge_of(servers, &url), url })
}

/// The repository of a Terraform git module source: `git::https://…`, `github.com/owner/repo`,
/// `git@github.com:owner/repo.git`, `bitbucket.org/owner/repo`; a `//subdir` and the query dropped.
fn module_repository(servers: &Servers, source: &str) -> std::result::Result<Repository, String> {
    let address = source.trim().split('?').next().unwrap_or("");
    let address = address.strip_prefix("git::").unwrap_or(address);
    let url = if let Some(rest) = address.strip_prefix("github.com/") {
        format!("{}/{rest}", servers.github.trim_end_matches('/'))
    } else if let Some(rest) = address.strip_prefix("git@github.com:") {
        format!("{}/{rest}", servers.github.trim_end_matches('/'))
    } else if let Some(rest) = address.strip_prefix("bitbucket.org/") {
        format!("https://bitbucket.org/{rest}")
    } else if is_secure(address) {
        address.to_string()
    } else {
        return Err("only `https://` (and `github.com/…`) git sources are resolved, not SSH or plain HTTP".into());
    };
    // `//subdir` after the repository path: the first `//` past the scheme's.
    let scheme_end = url.find("://").map_or(0, |i| i + 3);
    let repository = match url[scheme_end..].find("//") {
        Some(i) => &url[..scheme_end + i],
        None => &url,
    };
    let url = repository.trim_end_matches('/').trim_end_matches(".git").to_string();
    Ok(Repository { forge: forge_of(servers, &url), url })
}

/// What refreshing a pin that carries its tag needs (`update`): `tag@digest`, `SHA # tag`.
fn refresh(reference: &Reference, text: &str, resolver: &mut Resolver) -> Option<Need> {
    let Resolved::Value(value) = &reference.resolved else { return None };
    let servers = resolver.servers().clone();
    if reference.kind == RefKind::Image {
        let parsed = image::parse(value).ok()?;
        let (Some(tag), Some(_)) = (parsed.tag, parsed.digest) else { return None };
        return Some(Need::Digest(resolver.want(Target::Manifest(Manifest::new(parsed.domain, parsed.path, tag, &servers)))));
    }
    let tagged = tagged_commit(reference, value, text, &servers)?;
    let target = resolver.want(Target::Refs(tagged.repository));
    Some(Need::Commit { target, want: Want::Ref(tagged.version), old: tagged.commit, style: tagged.style })
}

/// A git reference pinned to a commit SHA with the version it is as a comment.
pub(crate) struct TaggedCommit {
    pub repository: Repository,
    pub commit: String,
    pub version: String,
    style: GitStyle,
}

/// `owner/repo@<sha> # v4.2.2`, `ref: <sha> # v1`, `component@<sha> # 1.2.3`, `?ref=<sha>" # v1.2.0`,
/// `rev: <sha>  # frozen: v4.5.0`: what `update` refreshes and `check --online` verifies.
pub(crate) fn tagged_commit(reference: &Reference, value: &str, text: &str, servers: &Servers) -> Option<TaggedCommit> {
    let comment = || edit::comment_version(text, reference.span);
    let (repository, commit, version, style) = match &reference.kind {
        RefKind::Action { version: Some(version) } => {
            let parsed = action::parse(value).ok()?;
            (github_repository(servers, parsed.name)?, parsed.git_ref?, version.clone(), GitStyle::At)
        }
        RefKind::Include(IncludeKind::Project) => {
            let (project, commit) = include::split_version(value);
            (Repository { url: format!("{}/{}", servers.gitlab.trim_end_matches('/'), project.trim_matches('/')), forge: Forge::GitLab }, commit?, comment()?, GitStyle::Alone)
        }
        RefKind::Include(IncludeKind::Component) => {
            let (path, commit) = include::split_version(value);
            (component_repository(servers, path)?, commit?, comment()?, GitStyle::At)
        }
        RefKind::Module { .. } => {
            let ModuleSource::Vcs { key: "ref", pinned_to: Some(commit) } = module::parse(value) else { return None };
            (module_repository(servers, value).ok()?, commit, comment()?, GitStyle::Query)
        }
        RefKind::Source(source) if reference.location.starts_with("repos/") => {
            let (url, _) = value.rsplit_once('@')?;
            let repository = Repository { url: url.trim_end_matches('/').trim_end_matches(".git").to_string(), forge: forge_of(servers, url) };
            (repository, source.at.as_ref()?.value.as_str(), source.version.clone()?, GitStyle::Frozen)
        }
        _ => return None,
    };
    (gitref::pin(commit) == gitref::Pin::Commit).then(|| TaggedCommit { repository, commit: commit.to_string(), version, style })
}

#[cfg(test)]
mod tests;
