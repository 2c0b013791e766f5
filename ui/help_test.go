package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

func TestHelpMenuHasGuideLogFolderAndAbout(t *testing.T) {
	u, _ := newTestUI(t)
	var opened []string
	u.opts.OpenURL = func(raw string) error { opened = append(opened, raw); return nil }

	menu := u.win.MainMenu()
	var help *fyne.Menu
	for _, m := range menu.Items {
		if m.Label == "Help" {
			help = m
		}
	}
	if help == nil {
		t.Fatal("the window has no Help menu")
	}
	items := map[string]*fyne.MenuItem{}
	for _, it := range help.Items {
		items[it.Label] = it
	}
	for _, want := range []string{"Getting started", "Open log folder", "About Turnout"} {
		if items[want] == nil {
			t.Fatalf("Help has no %q item", want)
		}
	}

	// F1 and the menu item both show the guide, which walks from a new
	// event to an export.
	u.onTypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("F1 showed no guide")
	}
	guide := findRichText(top)
	if guide == nil || !strings.Contains(guide.String(), "New event") || !strings.Contains(guide.String(), "Export") {
		t.Fatalf("the guide does not walk from New event to Export: %v", guide)
	}
	if s := top.Size(); s.Width > u.win.Canvas().Size().Width || s.Height > u.win.Canvas().Size().Height {
		t.Errorf("the guide (%v) is larger than the window (%v)", s, u.win.Canvas().Size())
	}
	u.win.Canvas().Overlays().Remove(top)

	items["Open log folder"].Action()
	want := filepath.Dir(u.svc.DataFile.DataPath())
	if len(opened) != 1 || !strings.HasPrefix(opened[0], "file://") || !strings.HasSuffix(opened[0], filepath.ToSlash(want)) {
		t.Fatalf("Open log folder opened %v, want the folder %s", opened, want)
	}

	items["About Turnout"].Action()
	about := findLabel(u.win.Canvas().Overlays().Top(), "Turnout ")
	if about == nil || !strings.Contains(about.Text, u.svc.DataFile.DataPath()) {
		t.Fatalf("About does not name the data file: %v", about)
	}
}

// findRichText is the first rich text in o.
func findRichText(o fyne.CanvasObject) *widget.RichText {
	if r, ok := o.(*widget.RichText); ok {
		return r
	}
	for _, ch := range childrenOf(o) {
		if r := findRichText(ch); r != nil {
			return r
		}
	}
	return nil
}
