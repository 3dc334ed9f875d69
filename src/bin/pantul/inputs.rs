// SPDX-License-Identifier: MIT
//! The inputs named on the command line: files, directories (maildirs
//! included), standard input.

use std::fs;
use std::io::{self, BufRead, BufReader};
use std::path::{is_separator, Path, PathBuf};

/// Inputs read at the most from one directory tree.
const MAX_FILES: usize = 1_000_000;

/// One input.
#[derive(Debug)]
pub enum Input {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// A path that cannot be read, with the reason.
    Unreadable(PathBuf, io::Error),
}

impl Input {
    /// The name used in messages and as the report's `source`.
    pub fn name(&self) -> String {
        match self {
            Input::File(path) | Input::Unreadable(path, _) => {
                path.display().to_string()
            }
            Input::Stdin => "-".to_string(),
        }
    }

    /// The input's size in bytes, if it is known before reading it: a
    /// regular file's; a device or pipe (`/dev/zero`) reports 0 bytes
    /// whatever it holds.
    pub fn size(&self) -> Option<u64> {
        match self {
            Input::File(path) => fs::metadata(path)
                .ok()
                .filter(fs::Metadata::is_file)
                .map(|m| m.len()),
            Input::Stdin | Input::Unreadable(..) => None,
        }
    }

    /// A reader of the input's bytes, or why there is none.
    pub fn open(&self) -> io::Result<Box<dyn BufRead>> {
        match self {
            Input::File(path) => {
                Ok(Box::new(BufReader::new(fs::File::open(path)?)))
            }
            Input::Stdin => Ok(Box::new(io::stdin().lock())),
            Input::Unreadable(_, e) => {
                Err(io::Error::new(e.kind(), e.to_string()))
            }
        }
    }
}

/// The inputs for the given paths: a file as itself, a directory as every
/// regular file below it in name order, none as standard input; a path
/// that cannot be read (or a directory that cannot be walked) as
/// [`Input::Unreadable`].
pub fn collect(paths: &[String]) -> Vec<Input> {
    if paths.is_empty() {
        return vec![Input::Stdin];
    }
    let mut inputs = Vec::new();
    for path in paths {
        if path == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(path);
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let mut files = Vec::new();
                walk(path, &mut files);
                files.sort_by_cached_key(|f| order(f.path()));
                inputs.extend(files);
            }
            Ok(_) => inputs.push(Input::File(path.to_path_buf())),
            Err(e) => inputs.push(Input::Unreadable(path.to_path_buf(), e)),
        }
    }
    inputs
}

impl Input {
    fn path(&self) -> &Path {
        match self {
            Input::File(path) | Input::Unreadable(path, _) => path,
            Input::Stdin => Path::new("-"),
        }
    }
}

/// A key that orders the paths below `root` as `Path` orders them,
/// component by component, but is compared as plain bytes (comparing
/// `Path`s takes their components apart for each of the comparisons a
/// sort makes): the path with each separator as a zero byte, which no
/// name holds. The walk joins every name to the path of its directory
/// with one separator, and all paths start with the same `root`.
fn order(path: &Path) -> Vec<u8> {
    let bytes = path.as_os_str().as_encoded_bytes();
    let part = |&b: &u8| if is_separator(char::from(b)) { 0 } else { b };
    bytes.iter().map(part).collect()
}

/// True if and only if `dir` is a maildir: it has `cur`, `new` and
/// `tmp` folders.
fn is_maildir(dir: &Path) -> bool {
    ["cur", "new", "tmp"].iter().all(|sub| dir.join(sub).is_dir())
}

/// Adds the messages of the maildir `dir` to `files`: those of its
/// `cur` and `new` folders, then of its Maildir++ folders (`.Sent`,
/// `.Junk`, … each a maildir of its own). Nothing else is read: not
/// `tmp` (messages still being written), nor the files a server keeps
/// beside them (`dovecot-uidlist`, `dovecot.index.log`, `maildirfolder`,
/// `subscriptions`, `courierimapkeywords`, …).
fn walk_maildir(dir: &Path, files: &mut Vec<Input>) {
    for sub in ["cur", "new"] {
        walk(&dir.join(sub), files);
    }
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let folder = entry.file_name().to_string_lossy().starts_with('.')
            && entry.file_type().is_ok_and(|t| t.is_dir());
        if folder && is_maildir(&path) && files.len() < MAX_FILES {
            walk_maildir(&path, files);
        }
    }
}

/// Adds the regular files below `dir` to `files`, or a maildir's
/// messages ([`walk_maildir`]); what cannot be read is added as
/// unreadable, and the walk goes on.
fn walk(dir: &Path, files: &mut Vec<Input>) {
    if is_maildir(dir) {
        return walk_maildir(dir, files);
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            files.push(Input::Unreadable(dir.to_path_buf(), e));
            return;
        }
    };
    for entry in entries {
        if files.len() >= MAX_FILES {
            return;
        }
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        match entry.file_type() {
            _ if hidden => {}
            Ok(kind) if kind.is_dir() => walk(&path, files),
            Ok(kind) if kind.is_file() => files.push(Input::File(path)),
            Ok(_) => {}
            Err(e) => files.push(Input::Unreadable(path, e)),
        }
    }
}
