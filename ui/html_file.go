package ui

import (
	"context"
	"net/url"
	"os"

	"github.com/turnout-app/turnout/core"
)

// openHTMLInBrowser writes an email's HTML to a temporary file and opens it
// in the default browser (Fyne cannot render HTML); opened gets the file.
func (u *App) openHTMLInBrowser(html string, opened func(path string)) {
	u.background(func(context.Context) error {
		f, err := os.CreateTemp("", "turnout-preview-*.html")
		if err != nil {
			return core.Errorf(core.EINTERNAL, "Cannot write the preview file: %v", err)
		}
		_, err = f.WriteString(html)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return core.Errorf(core.EINTERNAL, "Cannot write the preview file: %v", err)
		}
		link := &url.URL{Scheme: "file", Path: f.Name()}
		u.do(func() {
			if opened != nil {
				opened(f.Name())
			}
			if err := u.fyne.OpenURL(link); err != nil {
				u.showError(err)
			}
		})
		return nil
	})
}
