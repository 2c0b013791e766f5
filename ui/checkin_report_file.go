package ui

import (
	"bytes"
	"context"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// reportFileExtensions are the attendee reports staff can pick: CSV, and
// the .txt some portals and Excel give tab-separated text.
var reportFileExtensions = []string{".csv", ".txt", ".CSV", ".TXT"}

// reportFileImport checks an event in from an attendee report file
// downloaded from a portal (Zoom, Teams, GoTo, RingCentral): it previews
// what the file holds, and checks people in only when staff confirm.
type reportFileImport struct {
	s       *HeadcountScreen
	data    []byte // the file as read, imported as previewed
	plan    *core.AttendeeReportPlan
	summary *widget.Label
	dlg     *dialog.ConfirmDialog
}

// newReportFileButton is the headcount's "Check in from a report file…".
func newReportFileButton(s *HeadcountScreen) *widget.Button {
	return widget.NewButtonWithIcon("Check in from a report file…", theme.FolderOpenIcon(), func() {
		s.app.askOpenFile(reportFileExtensions, func(rc fyne.URIReadCloser) {
			s.previewReportFile(rc, rc.URI().Name())
		})
	})
}

// previewReportFile reads r (closing it) and shows what importing it would
// do.
func (s *HeadcountScreen) previewReportFile(r io.ReadCloser, name string) {
	id := s.event.ID
	s.app.background(func(ctx context.Context) error {
		data, err := io.ReadAll(io.LimitReader(r, 256<<20))
		r.Close()
		if err != nil {
			return core.Errorf(core.EINVALID, "Could not read %s: %v. Download the report again and pick the new file.", name, err)
		}
		plan, err := s.checkInService.PreviewAttendeeReport(ctx, id, bytes.NewReader(data))
		if err != nil {
			return err
		}
		s.app.do(func() { s.showReportPlan(name, data, plan) })
		return nil
	})
}

func (s *HeadcountScreen) showReportPlan(name string, data []byte, plan *core.AttendeeReportPlan) {
	f := &reportFileImport{s: s, data: data, plan: plan}
	f.summary = widget.NewLabel(strings.Join(plan.Lines(), "\n") +
		"\n\nNothing is changed until you choose Check In.")
	f.summary.Wrapping = fyne.TextWrapWord
	content := container.NewGridWrap(fyne.NewSize(560, 300), container.NewVScroll(f.summary))
	f.dlg = dialog.NewCustomConfirm("Check in from "+name, "Check In", "Cancel", content, func(ok bool) {
		if ok {
			f.apply()
		}
	}, s.app.win)
	s.reportFile = f
	f.dlg.Show()
}

// apply imports the file as previewed and shows the check-in result.
func (f *reportFileImport) apply() {
	s, id := f.s, f.s.event.ID
	var res core.CheckInResult
	s.app.runWithProgress("Check in from a report file", "Checking people in…",
		func(ctx context.Context, p core.Progress) (err error) {
			res, err = s.checkInService.ImportAttendeeReport(ctx, id, bytes.NewReader(f.data), p)
			return err
		},
		func(err error) {
			if err != nil {
				s.app.showError(err)
				return
			}
			s.showCheckInResult(res)
			s.reload()
		})
}
