package ui

import (
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// Credentials too long to type (a RingCentral JWT, core.CredentialField
// File): a hidden entry that takes a paste split over several lines, and
// "Load from file…" beside it.

// maxCredentialFile bounds what "Load from file…" reads: a JWT is a few
// kilobytes, so anything larger is the wrong file.
const maxCredentialFile = 64 << 10

// credentialInput is the input of one credential field.
func (s *AccountsSection) credentialInput(f *addAccountForm, cf core.CredentialField, e *widget.Entry) fyne.CanvasObject {
	if !cf.File {
		return e
	}
	btn := widget.NewButtonWithIcon("Load from file…", theme.FolderOpenIcon(), func() { s.chooseCredentialFile(f, cf) })
	f.fileBtns[cf.Key] = btn
	return container.NewBorder(nil, nil, nil, btn, e)
}

// chooseCredentialFile opens the file dialog and loads the chosen file
// into the field.
func (s *AccountsSection) chooseCredentialFile(f *addAccountForm, cf core.CredentialField) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			f.errLabel.SetText("Could not open the file: " + err.Error())
			return
		}
		if r == nil {
			return // staff cancelled
		}
		defer r.Close()
		f.loadCredential(cf, r, r.URI().Name())
	}, s.app.win)
	d.Show()
}

// loadCredential fills a credential from a file's text. The message names
// the file, never what is in it.
func (f *addAccountForm) loadCredential(cf core.CredentialField, r io.Reader, name string) {
	b, err := io.ReadAll(io.LimitReader(r, maxCredentialFile+1))
	text := cleanCredential(cf, string(b))
	switch {
	case err != nil:
		f.errLabel.SetText(fmt.Sprintf("Could not read the %s from %s: %v. Choose the file again.", strings.ToLower(cf.Label), name, err))
	case len(b) > maxCredentialFile:
		f.errLabel.SetText(fmt.Sprintf("%s is too large to be a %s; choose the file the provider gave you.", name, strings.ToLower(cf.Label)))
	case text == "":
		f.errLabel.SetText(fmt.Sprintf("%s is empty; choose the file that holds the %s.", name, strings.ToLower(cf.Label)))
	default:
		f.creds[cf.Key].SetText(text)
		f.errLabel.SetText("")
		f.credFields[cf.Key].hint.SetText(fmt.Sprintf("Loaded from %s. %s", name, cf.Hint))
	}
}

// cleanCredential drops the line breaks and spaces a credential read from
// a file or pasted from an email picks up: a JWT has none of its own, and
// a one-line entry turns each pasted line break into a space.
func cleanCredential(cf core.CredentialField, text string) string {
	if cf.File {
		return strings.Join(strings.Fields(text), "")
	}
	return text
}
