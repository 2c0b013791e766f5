package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// askRepeatedTime handles a start time that happens twice (the hour the
// clocks go back over): it asks which of the two is meant and saves
// again with the choice written after the time. It reports whether err
// was such a time.
func (ed *EventEditor) askRepeatedTime(err error) bool {
	var rep *core.RepeatedTimeError
	if !errors.As(err, &rep) {
		return false
	}
	msg := widget.NewLabel(core.ErrorMessage(err))
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	pick := func(i int) func() {
		return func() {
			d.Hide()
			ed.start.SetText(strings.TrimSpace(ed.start.Text) + " " + rep.Choices[i])
			ed.onSave()
		}
	}
	first := widget.NewButton(fmt.Sprintf("%s, before the change", rep.First.Format("15:04 MST")), pick(0))
	second := widget.NewButton(fmt.Sprintf("%s, after the change", rep.Second.Format("15:04 MST")), pick(1))
	d = dialog.NewCustom("Which "+rep.First.Format("15:04")+"?", "Cancel",
		container.NewVBox(msg, container.NewHBox(first, second)), ed.app.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
	ed.repeatedTime = [2]*widget.Button{first, second}
	return true
}
