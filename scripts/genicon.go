//go:build ignore

// genicon draws assets/icon.png: a rounded blue tile with a white ring and a
// check mark (people who turned out). Run once with `go run scripts/genicon.go`
// and commit the PNG; the app embeds the file, not this program.
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

const size = 512

func main() {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const ss = 4 // supersampling per axis
	top := [3]float64{0x2B, 0x74, 0xC9}
	bottom := [3]float64{0x17, 0x4A, 0x8C}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			var tile, mark float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					px := float64(x) + (float64(sx)+0.5)/ss
					py := float64(y) + (float64(sy)+0.5)/ss
					if inRoundedRect(px, py, 24, 24, size-24, size-24, 96) {
						tile++
						if inMark(px, py) {
							mark++
						}
					}
				}
			}
			n := float64(ss * ss)
			tile /= n
			mark /= n
			if tile == 0 {
				continue
			}
			t := float64(y) / size
			var c [3]float64
			for i := range c {
				bg := top[i]*(1-t) + bottom[i]*t
				c[i] = bg*(1-mark/tile) + 255*(mark/tile)
			}
			img.SetNRGBA(x, y, color.NRGBA{uint8(c[0]), uint8(c[1]), uint8(c[2]), uint8(255 * tile)})
		}
	}
	f, err := os.Create("assets/icon.png")
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func inRoundedRect(x, y, x0, y0, x1, y1, r float64) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx := math.Min(math.Max(x, x0+r), x1-r)
	cy := math.Min(math.Max(y, y0+r), y1-r)
	return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
}

// inMark is the white ring with a check mark inside it.
func inMark(x, y float64) bool {
	const cx, cy = 256.0, 256.0
	d := math.Hypot(x-cx, y-cy)
	if d >= 150 && d <= 178 {
		return true
	}
	// Check mark: two thick strokes.
	return nearSegment(x, y, 178, 262, 236, 320, 22) || nearSegment(x, y, 236, 320, 342, 196, 22)
}

func nearSegment(x, y, ax, ay, bx, by, w float64) bool {
	dx, dy := bx-ax, by-ay
	t := ((x-ax)*dx + (y-ay)*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	px, py := ax+t*dx, ay+t*dy
	return math.Hypot(x-px, y-py) <= w
}
