package core

// Progress receives how far long work has come; total is -1 when unknown.
// It is called from the working goroutine: a GUI must hand it to its own
// thread.
type Progress func(done, total int)

// Report calls p when it is set.
func (p Progress) Report(done, total int) {
	if p != nil {
		p(done, total)
	}
}
