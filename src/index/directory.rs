//! How an index opened for answering reads its files.
//!
//! Tantivy maps every index file into memory. That suits the posting lists and columns a
//! query walks, but not the document store: a search loads its ten or so records from
//! anywhere in the store, so over many searches a mapping leaves nearly every block of the
//! store resident in the answering process (most of its memory at a million quotes). Here the
//! store is read with positioned reads instead: a record costs one read of its compressed
//! block, which tantivy decompresses into its own small block cache; the operating system's
//! file cache keeps hot blocks fast without holding them in the process. Every other file is
//! mapped as before.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr, META_LOCK,
};
use tantivy::HasLen;

/// File extension of tantivy's document store.
const STORE_EXTENSION: &str = "store";

/// An [`MmapDirectory`] that reads document stores with positioned reads.
#[derive(Debug, Clone)]
pub struct AnsweringDirectory {
    root: PathBuf,
    mapped: MmapDirectory,
}

impl AnsweringDirectory {
    pub fn open(root: &Path) -> Result<AnsweringDirectory, OpenDirectoryError> {
        Ok(AnsweringDirectory {
            root: root.to_path_buf(),
            mapped: MmapDirectory::open(root)?,
        })
    }
}

impl Directory for AnsweringDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if path.extension().and_then(|e| e.to_str()) != Some(STORE_EXTENSION) {
            return self.mapped.get_file_handle(path);
        }
        let full = self.root.join(path);
        let file = File::open(&full).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_path_buf()),
            _ => OpenReadError::wrap_io_error(e, path.to_path_buf()),
        })?;
        let handle =
            ReadAtFile::new(file).map_err(|e| OpenReadError::wrap_io_error(e, full.clone()))?;
        Ok(Arc::new(handle))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.mapped.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.mapped.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.mapped.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.mapped.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.mapped.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.mapped.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.mapped.acquire_lock(lock) {
            // A reader takes the meta lock only to keep a writer's clean-up from deleting the
            // files it is opening. Where the lock file cannot be created at all (a read-only
            // file system or directory) no writer can delete anything either, so reading goes
            // on without it (issue 12).
            Err(LockError::IoError(e))
                if lock.filepath == META_LOCK.filepath && cannot_write(e.kind()) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.mapped.watch(callback)
    }
}

/// Whether an error of this kind means the directory cannot be written to at all.
pub(crate) fn cannot_write(kind: io::ErrorKind) -> bool {
    matches!(
        kind,
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
    )
}

/// A file read with positioned reads; each read returns its own bytes.
#[derive(Debug)]
struct ReadAtFile {
    file: File,
    len: usize,
}

impl ReadAtFile {
    fn new(file: File) -> io::Result<ReadAtFile> {
        let len = usize::try_from(file.metadata()?.len())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "file too large"))?;
        Ok(ReadAtFile { file, len })
    }

    #[cfg(unix)]
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(&self.file, buf, offset)
    }

    #[cfg(windows)]
    fn read_at(&self, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
        use std::os::windows::fs::FileExt;
        while !buf.is_empty() {
            match self.file.seek_read(buf, offset) {
                Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
                Ok(n) => {
                    buf = &mut buf[n..];
                    offset += n as u64;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

impl FileHandle for ReadAtFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.start > range.end || range.end > self.len {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "read of bytes {}..{} past the end of a {}-byte file",
                    range.start, range.end, self.len
                ),
            ));
        }
        let mut buf = vec![0; range.end - range.start];
        if !buf.is_empty() {
            self.read_at(&mut buf, range.start as u64)?;
        }
        Ok(OwnedBytes::new(buf))
    }
}

impl HasLen for ReadAtFile {
    fn len(&self) -> usize {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn positioned_reads_return_the_bytes_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.store");
        File::create(&path)
            .unwrap()
            .write_all(b"0123456789")
            .unwrap();
        let d = AnsweringDirectory::open(dir.path()).unwrap();
        let handle = d.get_file_handle(Path::new("x.store")).unwrap();
        assert_eq!(handle.len(), 10);
        assert_eq!(handle.read_bytes(2..5).unwrap().as_slice(), b"234");
        assert_eq!(handle.read_bytes(10..10).unwrap().as_slice(), b"");
        assert!(handle.read_bytes(8..11).is_err());
    }

    #[test]
    fn a_missing_store_is_reported_as_missing() {
        let dir = tempfile::tempdir().unwrap();
        let d = AnsweringDirectory::open(dir.path()).unwrap();
        assert!(matches!(
            d.get_file_handle(Path::new("gone.store")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
    }
}
