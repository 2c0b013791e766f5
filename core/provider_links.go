package core

// Providers whose events Turnout keeps without an adapter: link-only
// services (Turnout sends the link and counts a reminder click as
// attendance) and services whose adapter is still to come, registered
// here with the event fields they need. An adapter registered for one of
// these kinds replaces its entry (see Register).

// Well-known provider kinds: stored in events and named by the demo data.
const (
	ProviderZoom        ProviderKind = "zoom"
	ProviderGoTo        ProviderKind = "gotowebinar"
	ProviderRingCentral ProviderKind = "ringcentral"
	ProviderVimeo       ProviderKind = "vimeo"
	ProviderTeams       ProviderKind = "teams"
	ProviderLink        ProviderKind = "link"
)

func joinURL(typed Need, hint string) EventField {
	label := "Join URL"
	if typed == NeedOptional {
		label = "Join URL (optional)"
	}
	return EventField{Field: FieldJoinURL, Label: label, Hint: hint, Placeholder: "https://", Typed: typed, Linked: typed}
}

func init() {
	Register(ProviderSpec{Kind: ProviderGoTo, Label: "GoTo Webinar", Order: 20, Events: EventForm{
		Fields: []EventField{
			{Field: FieldExternalID, Label: "Webinar key", Typed: NeedRequired, Linked: NeedRequired,
				Hint: "The long number on the webinar's page in GoTo Webinar (Settings → Webinar key)."},
			joinURL(NeedOptional, "A registration or join page to put in the reminder. Leave empty if GoTo emails the link."),
		},
		Note: "Turnout keeps the webinar key for when GoTo Webinar accounts can be connected; until then it sends the link you give."}})
	Register(ProviderSpec{Kind: ProviderRingCentral, Label: "RingCentral Webinar", Order: 30, Events: EventForm{
		Fields: []EventField{
			{Field: FieldExternalID, Label: "Webinar ID", Typed: NeedRequired, Linked: NeedRequired,
				Hint: "From the webinar's page in RingCentral Webinar."},
			{Field: FieldExternalID2, Label: "Session ID", Typed: NeedRequired, Linked: NeedRequired,
				Hint: "Each run of a RingCentral webinar has its own session ID; use the one for this date."},
			joinURL(NeedOptional, "A join page to put in the reminder."),
		},
		Note: "Turnout keeps the webinar and session IDs for when RingCentral accounts can be connected; until then it sends the link you give."}})
	Register(ProviderSpec{Kind: ProviderVimeo, Label: "Vimeo", Order: 80, Events: EventForm{
		Fields: []EventField{joinURL(NeedRequired, "The Vimeo event or livestream page, e.g. https://vimeo.com/event/1234567.")},
		Note:   "Vimeo events are link-only: Turnout sends the link and counts a reminder click as attendance."}})
	Register(ProviderSpec{Kind: ProviderTeams, Label: "Microsoft Teams", Order: 85, Events: EventForm{
		Fields: []EventField{joinURL(NeedRequired, "The Teams meeting or webinar link from the invitation.")},
		Note: "Turnout sends the Teams link. After the meeting, download its attendance report in Teams (the meeting's Attendance tab) " +
			"and choose \"Check in from a report file…\" on the event's Headcount; until then a reminder click counts as attendance."}})
	Register(ProviderSpec{Kind: ProviderLink, Label: "Other link", Order: 99, Events: EventForm{
		Fields: []EventField{joinURL(NeedRequired, "Any web address where the event happens: Google Meet, YouTube, your website.")},
		Note:   "Link-only events: Turnout sends the link and counts a reminder click as attendance."}})
}
