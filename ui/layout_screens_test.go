package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// checkedSizes are the window sizes every screen and dialog must fit:
// the smallest laptop window staff use, and the most common one.
var checkedSizes = []fyne.Size{{Width: 1024, Height: 700}, {Width: 1366, Height: 768}}

func TestEveryScreenAndDialogFits(t *testing.T) {
	for _, name := range startSceneNames() {
		for _, size := range checkedSizes {
			t.Run(fmt.Sprintf("%s/%.0fx%.0f", name, size.Width, size.Height), func(t *testing.T) {
				u, _, _ := newDemoUI(t)
				u.win.Resize(size)
				for _, step := range startScenes[name] {
					step(u)
					u.wait()
				}
				u.win.Resize(size)
				if probs := layoutProblems(u.win); len(probs) > 0 {
					t.Errorf("%d problems:\n%s", len(probs), strings.Join(probs, "\n"))
				}
			})
		}
	}
}
