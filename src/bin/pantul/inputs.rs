// SPDX-License-Identifier: MIT
//! The inputs named on the command line: files, directories (maildirs
//! included), standard input.

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::{fs, io::ErrorKind};

/// Inputs read at the most from one directory tree.
const MAX_FILES: usize = 1_000_000;

/// One input.
#[derive(Debug)]
pub enum Input {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

impl Input {
    /// The name used in messages and as the report's `source`.
    pub fn name(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }

    /// The input's size in bytes, if it is known before reading it.
    pub fn size(&self) -> Option<u64> {
        match self {
            Input::File(path) => fs::metadata(path).ok().map(|m| m.len()),
            Input::Stdin => None,
        }
    }

    /// The input's bytes.
    pub fn read(&self) -> io::Result<Vec<u8>> {
        match self {
            Input::File(path) => fs::read(path),
            Input::Stdin => {
                let mut bytes = Vec::new();
                io::stdin().lock().read_to_end(&mut bytes)?;
                Ok(bytes)
            }
        }
    }
}

/// The inputs for the given paths: a file as itself, a directory as every
/// regular file below it in name order, none as standard input.
pub fn collect(paths: &[String]) -> Result<Vec<Input>, String> {
    if paths.is_empty() {
        return Ok(vec![Input::Stdin]);
    }
    let mut inputs = Vec::new();
    for path in paths {
        if path == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(path);
        let meta = fs::metadata(path).map_err(|e| describe(path, &e))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files).map_err(|e| describe(path, &e))?;
            files.sort();
            inputs.extend(files.into_iter().map(Input::File));
        } else {
            inputs.push(Input::File(path.to_path_buf()));
        }
    }
    Ok(inputs)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden || files.len() >= MAX_FILES {
            continue;
        }
        if kind.is_dir() {
            walk(&path, files)?;
        } else if kind.is_file() {
            files.push(path);
        }
    }
    Ok(())
}

fn describe(path: &Path, e: &io::Error) -> String {
    let name = path.display().to_string();
    let name = pantul::visible::visible_line(&name);
    match e.kind() {
        ErrorKind::NotFound => format!("{name}: no such file or directory"),
        _ => format!("{name}: {e}"),
    }
}
