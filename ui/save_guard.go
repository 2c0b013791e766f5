package ui

import (
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"
)

// Fyne's save dialog opens the chosen file for writing, truncating it,
// before Turnout even sees the name. Had staff picked the data file, it
// would be emptied while open; any other file would be emptied even if
// the export then failed. Turnout writes every file itself (complete, at
// once, never onto its own data file), so the dialog's own writer is made
// lazy: it touches the file only if something writes to it, which nothing
// does. Fyne's dialog already asks "Overwrite?" for an existing file:
// that is the window's confirmation before a file is replaced.

// saveDialogOpen is set while a save dialog of askSavePath is shown: the
// next file writer fyne opens is that dialog's.
var saveDialogOpen atomic.Bool

var guardOnce sync.Once

// fileRepository is what fyne's own file repository implements.
type fileRepository interface {
	repository.WritableRepository
	repository.AppendableRepository
	repository.HierarchicalRepository
	repository.ListableRepository
	repository.CopyableRepository
	repository.MovableRepository
	repository.DeleteAllRepository
}

// guardSaveDialogs installs the lazy writer once. If fyne's file
// repository is not the expected kind the guard stays off; the engine
// still refuses to write onto the data file.
func guardSaveDialogs() {
	guardOnce.Do(func() {
		r, err := repository.ForScheme("file")
		if inner, ok := r.(fileRepository); err == nil && ok {
			repository.Register("file", saveGuard{inner})
		}
	})
}

// saveGuard is fyne's file repository with the save dialog's writer made
// lazy.
type saveGuard struct{ fileRepository }

func (g saveGuard) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	if saveDialogOpen.CompareAndSwap(true, false) {
		return &lazyWriter{uri: u, open: g.fileRepository.Writer}, nil
	}
	return g.fileRepository.Writer(u)
}

// lazyWriter opens its file on the first Write only.
type lazyWriter struct {
	uri  fyne.URI
	open func(fyne.URI) (fyne.URIWriteCloser, error)
	w    fyne.URIWriteCloser
}

func (l *lazyWriter) URI() fyne.URI { return l.uri }

func (l *lazyWriter) Write(p []byte) (int, error) {
	if l.w == nil {
		w, err := l.open(l.uri)
		if err != nil {
			return 0, err
		}
		l.w = w
	}
	return l.w.Write(p)
}

func (l *lazyWriter) Close() error {
	if l.w == nil {
		return nil
	}
	return l.w.Close()
}
