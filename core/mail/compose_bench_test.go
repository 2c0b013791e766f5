package mail

import "testing"

// Placeholders are translated for every reminder; this shows what that
// costs next to the default written as code.
func BenchmarkComposeDefaultAsCode(b *testing.B) {
	t, in := DefaultReminder(), sampleInput()
	for b.Loop() {
		if _, err := Compose(t, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkComposeDefaultWithPlaceholders(b *testing.B) {
	t, in := EditableTemplates(DefaultReminder()), sampleInput()
	for b.Loop() {
		if _, err := Compose(t, in); err != nil {
			b.Fatal(err)
		}
	}
}
