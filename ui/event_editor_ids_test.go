package ui

import (
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
)

// A provider whose events need two IDs (RingCentral: the webinar and the
// session) shows both fields in the event editor, labelled from its
// registered form, and the event keeps both.
func TestEventEditorShowsBothIDsOfATwoIDProvider(t *testing.T) {
	spec, ok := core.Spec(core.ProviderRingCentral)
	if !ok {
		t.Fatal("RingCentral is not registered")
	}
	labels := map[core.LocationField]string{}
	for _, f := range spec.Events.FieldsFor("") {
		labels[f.Field] = f.Label
	}
	if labels[core.FieldExternalID2] == "" {
		t.Fatalf("the registered RingCentral form has no second ID: %+v", spec.Events.Fields)
	}
	u, _ := newTestUI(t)
	u.events.onNewEvent()
	u.wait()
	ed := u.events.editor
	ed.provider.SetSelected(spec.Label)
	u.wait()
	if !ed.fID.box.Visible() || !strings.HasPrefix(ed.fID.label.Text, labels[core.FieldExternalID]) ||
		!ed.fID2.box.Visible() || !strings.HasPrefix(ed.fID2.label.Text, labels[core.FieldExternalID2]) {
		t.Fatalf("fields: id %t %q, id2 %t %q", ed.fID.box.Visible(), ed.fID.label.Text, ed.fID2.box.Visible(), ed.fID2.label.Text)
	}
	ed.title.SetText("Quarterly briefing")
	ed.externalID.SetText("1234567890123456789")
	ed.externalID2.SetText("9876543210987654321")
	ed.joinURL.SetText("https://example.org/join")
	ev, err := ed.event()
	if err != nil || ev.Location.ExternalID != "1234567890123456789" || ev.Location.ExternalID2 != "9876543210987654321" {
		t.Fatalf("event location %+v, %v", ev.Location, err)
	}
}
