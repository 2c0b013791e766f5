package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// smallWindow is the smallest window the office screens are checked at.
var smallWindow = fyne.NewSize(1024, 700)

// childrenOf lists what o draws, containers and widgets alike.
func childrenOf(o fyne.CanvasObject) []fyne.CanvasObject {
	switch c := o.(type) {
	case *fyne.Container:
		return c.Objects
	case *container.Scroll:
		return []fyne.CanvasObject{c.Content}
	case fyne.Widget:
		return test.WidgetRenderer(c).Objects()
	}
	return nil
}

// pathTo is the chain of objects from root down to target, or nil.
func pathTo(root, target fyne.CanvasObject) []fyne.CanvasObject {
	if root == target {
		return []fyne.CanvasObject{root}
	}
	for _, ch := range childrenOf(root) {
		if p := pathTo(ch, target); p != nil {
			return append([]fyne.CanvasObject{root}, p...)
		}
	}
	return nil
}

// findLabel is the first label in o whose text starts with prefix.
func findLabel(o fyne.CanvasObject, prefix string) *widget.Label {
	if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, prefix) {
		return l
	}
	for _, ch := range childrenOf(o) {
		if l := findLabel(ch, prefix); l != nil {
			return l
		}
	}
	return nil
}

// assertShown fails unless o, in the top dialog, is at least its natural
// height, lies inside the window and inside every scroll holding it at
// the current scroll offset: someone looking at the window sees it whole.
func assertShown(t *testing.T, u *App, name string, o fyne.CanvasObject) {
	t.Helper()
	top := u.win.Canvas().Overlays().Top()
	path := pathTo(top, o)
	if path == nil {
		t.Fatalf("%s is not in the open dialog", name)
	}
	if !o.Visible() {
		t.Errorf("%s is hidden", name)
	}
	if got, want := o.Size().Height, o.MinSize().Height; got < want-0.5 {
		t.Errorf("%s is %.0f px high, needs %.0f", name, got, want)
	}
	d := fyne.CurrentApp().Driver()
	pos, size := d.AbsolutePositionForObject(o), o.Size()
	win := u.win.Canvas().Size()
	if pos.X < 0 || pos.Y < 0 || pos.X+size.Width > win.Width+0.5 || pos.Y+size.Height > win.Height+0.5 {
		t.Errorf("%s at %v size %v is outside the %v window", name, pos, size, win)
	}
	for _, anc := range path[:len(path)-1] {
		s, ok := anc.(*container.Scroll)
		if !ok {
			continue
		}
		sp := d.AbsolutePositionForObject(s)
		if pos.Y < sp.Y-0.5 || pos.Y+size.Height > sp.Y+s.Size().Height+0.5 {
			t.Errorf("%s (y %.0f–%.0f) is scrolled out of view (%.0f–%.0f): scroll %.0f px high, its content needs %.0f",
				name, pos.Y, pos.Y+size.Height, sp.Y, sp.Y+s.Size().Height, s.Size().Height, s.Content.MinSize().Height)
		}
	}
}

func TestAddAccountFormShowsWholeInASmallWindow(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Resize(smallWindow)
	u.ShowSettings()
	u.wait()
	test.Tap(u.settings.accounts.addBtn)
	u.wait()
	f := u.settings.accounts.add
	if f == nil {
		t.Fatal("Add account did not open")
	}
	assertShown(t, u, "Provider", f.provider)
	assertShown(t, u, "Account name", f.name)
	assertShown(t, u, "Sign-in choice", f.kind)
	assertShown(t, u, "Connect in browser", f.connectBtn)
	f.kind.SetSelected(keysChoice(f.spec))
	u.wait()
	assertShown(t, u, "Add account", f.addBtn)
}

func TestEmailPreviewLaysOutSentenceButtonsAndBody(t *testing.T) {
	u, eng := newTestUI(t)
	u.win.Resize(smallWindow)
	ev := createEvent(t, eng, "Alumni webinar")
	rosa := addPerson(t, eng, ev, "Rosa", "rosa@example.org")
	view := u.OpenEvent(ev, ScreenRegistrants)
	u.wait()
	rs := view.registrants
	rs.selectID(rosa.ID)
	test.Tap(rs.previewBtn)
	u.wait()
	p := rs.preview
	if p == nil || p.dlg == nil {
		t.Fatal("no preview shown")
	}
	top := u.win.Canvas().Overlays().Top()
	sentence := findLabel(top, "This is exactly what Rosa")
	if sentence == nil {
		t.Fatal("the preview does not say whose email it is")
	}
	if w := sentence.Size().Width; w < 300 {
		t.Errorf("the sentence is squeezed to %.0f px wide", w)
	}
	assertShown(t, u, "the sentence", sentence)
	closeBtn := findButton(top, "Close")
	for name, b := range map[string]*widget.Button{"Open in browser": p.browserBtn, "Close": closeBtn} {
		if b == nil {
			t.Fatalf("no %s button", name)
		}
		assertShown(t, u, name, b)
		if h, want := b.Size().Height, b.MinSize().Height; h > want+8 {
			t.Errorf("%s button is %.0f px high, a button is %.0f", name, h, want)
		}
	}
	subject := findLabel(top, p.msg.Subject)
	if p.msg.Subject == "" || subject == nil {
		t.Fatal("the preview shows no subject")
	}
	assertShown(t, u, "Subject", subject)
	if !strings.Contains(p.text.Text, "Alumni webinar") {
		t.Errorf("the body is not the reminder's text: %q", p.text.Text)
	}
	if s := p.text.Size(); s.Width < 300 || s.Height < 100 {
		t.Errorf("the body text is drawn %v: nothing of it readable", s)
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.text)
	if pos.Y+100 > smallWindow.Height {
		t.Errorf("the body text starts at y %.0f, below the window", pos.Y)
	}
}
