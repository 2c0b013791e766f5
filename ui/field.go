package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// field is one labelled input with its explanation; the whole block hides
// when the chosen provider does not need it.
type field struct {
	label *widget.Label
	hint  *widget.Label
	box   *fyne.Container
	name  string
}

func newField(name string, input fyne.CanvasObject, help string) *field {
	f := &field{label: widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		hint: hint(help), name: name}
	f.box = container.NewVBox(f.label, input, f.hint)
	return f
}

func (f *field) set(name, help string, required, visible bool) {
	f.name = name
	text := name
	if required {
		text += "  *"
	}
	f.label.SetText(text)
	f.hint.SetText(help)
	f.box.Hidden = !visible
}
