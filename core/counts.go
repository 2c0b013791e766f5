package core

// RegistrantCounts are an event's running totals. The store keeps them up
// to date with every registrant write (in the same transaction), so the
// headcount and the events list never have to read every registrant.
type RegistrantCounts struct {
	Total     int `json:"total"` // every registrant, cancelled included
	Cancelled int `json:"cancelled"`
	// The rest count active (not cancelled) registrants only.
	Reminded   int `json:"reminded"`
	Clicked    int `json:"clicked"`
	ByProvider int `json:"by_provider"` // checked in from the provider's report
	ByClick    int `json:"by_click"`    // checked in by a reminder click
	ByManual   int `json:"by_manual"`   // checked in by staff
	Minutes    int `json:"minutes"`     // attended minutes of those checked in
}

// Active is how many are still registered.
func (c RegistrantCounts) Active() int { return c.Total - c.Cancelled }

// Attended is how many active registrants are checked in.
func (c RegistrantCounts) Attended() int { return c.ByProvider + c.ByClick + c.ByManual }

// AttendedBy is the number checked in from one source.
func (c RegistrantCounts) AttendedBy(s CheckInSource) int {
	switch s {
	case SourceProvider:
		return c.ByProvider
	case SourceClick:
		return c.ByClick
	case SourceManual:
		return c.ByManual
	}
	return 0
}

// Add counts r in (n = 1) or out (n = -1). Replacing a registrant is
// Add(old, -1) then Add(new, 1).
func (c *RegistrantCounts) Add(r Registrant, n int) {
	c.Total += n
	if !r.Active() {
		c.Cancelled += n
		return
	}
	if r.Reminder.Status == ReminderSent {
		c.Reminded += n
	}
	if r.Clicks > 0 {
		c.Clicked += n
	}
	if r.CheckIn == nil {
		return
	}
	switch r.CheckIn.Source {
	case SourceProvider:
		c.ByProvider += n
	case SourceClick:
		c.ByClick += n
	default:
		c.ByManual += n
	}
	c.Minutes += n * r.CheckIn.Minutes
}
