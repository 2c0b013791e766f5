package mail

import (
	"strconv"
	"testing"
)

// A reminder rendered by go-simple-mail, as each one was before the
// Merger...
func BenchmarkRender(b *testing.B) {
	m := reminderMessage(b)
	i := 0
	for b.Loop() {
		i++
		m.To = "person" + strconv.Itoa(i) + "@example.org"
		if _, err := Render(m, mergeSettings); err != nil {
			b.Fatal(err)
		}
	}
}

// ...and merged from the first reminder of the event, as the engine now
// renders every further one.
func BenchmarkMerge(b *testing.B) {
	m := reminderMessage(b)
	g := NewMerger(mergeSettings)
	if _, err := g.Render(m); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		m.To = "person" + strconv.Itoa(i) + "@example.org"
		if _, err := g.Render(m); err != nil {
			b.Fatal(err)
		}
	}
	if g.merged == 0 || g.rendered != 1 {
		b.Fatalf("merged %d, rendered %d", g.merged, g.rendered)
	}
}
