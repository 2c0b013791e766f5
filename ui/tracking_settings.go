package ui

import (
	"github.com/turnout-app/turnout/core"

	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TrackingSettings is the Settings card for the click endpoint: where it
// listens, the address links in emails start with, or direct links.
type TrackingSettings struct {
	// The services this screen uses (and nothing else of the engine).
	settings core.SettingsService

	app *App

	listen   *widget.Entry
	baseURL  *widget.Entry
	proxies  *widget.Entry // the office's reverse proxies, comma-separated
	direct   *widget.Check
	saveBtn  *widget.Button
	checkBtn *widget.Button
	status   *widget.Label
	// reach says whether clicks are counted and, if not, why.
	reach *widget.Label

	content fyne.CanvasObject
}

func newTrackingSettings(u *App) *TrackingSettings {
	t := &TrackingSettings{app: u, settings: u.svc.Settings}
	t.listen = widget.NewEntry()
	t.listen.SetPlaceHolder(core.DefaultTrackingSettings().Listen)
	t.baseURL = widget.NewEntry()
	t.baseURL.SetPlaceHolder("https://clicks.your-office.org")
	t.proxies = widget.NewEntry()
	t.proxies.SetPlaceHolder("e.g. 10.0.0.5 (optional)")
	t.direct = widget.NewCheck("Direct links (clicks are not counted)", t.onDirect)
	t.saveBtn = widget.NewButtonWithIcon("Save tracking settings", theme.DocumentSaveIcon(), t.onSave)
	t.saveBtn.Importance = widget.HighImportance
	t.checkBtn = widget.NewButtonWithIcon("Check", theme.SearchIcon(), t.onCheck)
	t.status = widget.NewLabel("")
	t.status.Importance = widget.SuccessImportance
	t.reach = widget.NewLabel("")
	t.reach.Wrapping = fyne.TextWrapWord

	// Hints go under their fields as wrapping text: a form's own hint
	// line does not wrap and would widen the whole Settings screen.
	form := widget.NewForm(
		&widget.FormItem{Text: "Click counter address", Widget: container.NewVBox(t.listen,
			hint("Where Turnout counts clicks on this computer (address:port, such as 127.0.0.1:8787); changes apply when Turnout next starts."))},
		&widget.FormItem{Text: "Public address", Widget: container.NewVBox(t.baseURL,
			hint("What every link in reminder emails starts with."))},
		&widget.FormItem{Text: "Reverse proxy", Widget: container.NewVBox(t.proxies,
			hint("If your IT forwards the public address through a proxy, its address: Turnout then sees who clicked."))},
	)
	t.content = widget.NewCard("Click tracking", "Counts who clicked the link in their reminder.", container.NewVBox(
		para("Registrants can only reach the link where your office exposes it: forward the port, or point a "+
			"reverse proxy at the click counter address, and enter that public address here. With the default "+
			"(127.0.0.1) links only work on this computer. If you cannot expose it, choose direct links: "+
			"emails then carry the join link itself, and clicks are not counted."),
		form,
		t.direct,
		t.reach,
		container.NewHBox(t.status, layout.NewSpacer(), t.checkBtn, t.saveBtn),
	))
	return t
}

func (t *TrackingSettings) load() {
	t.status.SetText("")
	t.app.background(func(ctx context.Context) error {
		ts, err := t.settings.TrackSettings(ctx)
		if err != nil {
			return err
		}
		// The status also knows whether the endpoint runs (a busy port).
		st, err := t.settings.TrackingStatus(ctx)
		if err != nil {
			return err
		}
		t.app.do(func() { t.fill(ts); t.reach.SetText(st.Text) })
		return nil
	})
}

func (t *TrackingSettings) fill(ts core.TrackingSettings) {
	t.listen.SetText(ts.Listen)
	t.baseURL.SetText(ts.BaseURL)
	t.proxies.SetText(strings.Join(ts.TrustedProxies, ", "))
	t.direct.SetChecked(ts.DirectLinks)
	t.onDirect(ts.DirectLinks)
	t.reach.SetText(ts.Status().Text)
}

// onCheck proves the saved public address leads back to this Turnout;
// a failed check shows why, and the stored proof is gone either way.
func (t *TrackingSettings) onCheck() {
	t.status.SetText("")
	t.app.background(func(ctx context.Context) error {
		checked, err := t.settings.VerifyTrackingURL(ctx)
		if checked.Listen != "" {
			t.app.do(func() {
				t.fill(checked)
				if err == nil {
					t.status.SetText("Checked.")
				}
			})
		}
		return err
	})
}

// onDirect greys out the public address, which direct links do not use.
func (t *TrackingSettings) onDirect(on bool) {
	if on {
		t.baseURL.Disable()
	} else {
		t.baseURL.Enable()
	}
}

func (t *TrackingSettings) onSave() {
	ts := core.TrackingSettings{Listen: t.listen.Text, BaseURL: t.baseURL.Text, DirectLinks: t.direct.Checked,
		TrustedProxies: strings.Split(t.proxies.Text, ",")}
	t.status.SetText("")
	t.app.background(func(ctx context.Context) error {
		saved, err := t.settings.SaveTrackSettings(ctx, ts)
		if err != nil {
			return err
		}
		t.app.do(func() {
			t.fill(saved)
			t.status.SetText("Saved.")
		})
		return nil
	})
}
