// Package assets holds the files Turnout embeds: the app icon and logo,
// and the short guide shown under Help.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is the application icon (512×512 PNG), also used as the logo in the
// sidebar and the system tray.
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", iconPNG)

// IconPNG returns the icon's PNG bytes (for places that need raw bytes,
// such as a default email logo).
func IconPNG() []byte { return iconPNG }

//go:embed guide.md
var guide string

// Guide is the built-in "Getting started" guide, in Markdown.
func Guide() string { return guide }
