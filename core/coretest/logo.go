package coretest

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// LogoPNG is a small real logo, as an office would upload: a 40×40 PNG
// that every reminder of a test carries inline.
func LogoPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 40))
	for y := range 40 {
		for x := range 40 {
			img.Set(x, y, color.RGBA{uint8(200 - x*3), uint8(80 + y*3), 220, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
