package core

import (
	"strconv"
	"strings"
	"time"
)

// MachineZone reports whether a zone name means "whatever this computer
// is set to": empty or "Local". Stored in a data file, such a zone would
// follow whichever computer opens the file, so staff's "" and "Local"
// become the office's zone, named (see OfficeZone).
func MachineZone(name string) bool {
	name = strings.TrimSpace(name)
	return name == "" || strings.EqualFold(name, "Local")
}

// LoadNamedLocation is LoadLocation for a zone that is to be stored: it
// refuses "Local", which names no place.
func LoadNamedLocation(name string) (*time.Location, error) {
	if strings.EqualFold(strings.TrimSpace(name), "Local") {
		return nil, Errorf(EINVALID, "Time zone \"Local\" means this computer's zone, which changes with the computer that opens the data file; use a name such as America/New_York or Europe/London.")
	}
	return LoadLocation(name)
}

// ParseLocalTime reads a date and time typed by staff ("2026-12-01 14:00")
// in the given IANA zone. A time that the zone skips (the hour clocks
// jump over in spring) is refused with the times on either side; a time
// that happens twice (the hour clocks go back over in autumn) is refused
// unless the zone's abbreviation ("EDT", "EST") or "first"/"second"
// follows it, and the message says so.
func ParseLocalTime(s, zone string) (time.Time, error) {
	loc, err := LoadNamedLocation(zone)
	if err != nil {
		return time.Time{}, err
	}
	s = strings.TrimSpace(s)
	text, choice := s, ""
	if i := strings.LastIndexByte(s, ' '); i > 0 && !strings.ContainsAny(s[i+1:], ":-") {
		text, choice = strings.TrimSpace(s[:i]), s[i+1:]
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if wall, err := time.Parse(layout, text); err == nil {
			return inZone(wall, loc, zone, choice)
		}
	}
	return time.Time{}, Errorf(EINVALID, "Start time %q is not understood; write it as 2026-12-01 14:00.", s)
}

// inZone is the instant showing the wall clock of wall (read as UTC) in
// loc, refusing a wall time that does not exist there or that exists
// twice without a choice.
func inZone(wall time.Time, loc *time.Location, zone, choice string) (time.Time, error) {
	found := instantsAt(wall, loc)
	switch {
	case len(found) == 0:
		return time.Time{}, gapError(wall, loc, zone)
	case len(found) == 1 && choice == "":
		return found[0], nil
	case len(found) == 1:
		return time.Time{}, Errorf(EINVALID, "Start time %q is not understood; write it as 2026-12-01 14:00.", clock(wall)+" "+choice)
	}
	first, second := found[0], found[1]
	a1, _ := first.Zone()
	a2, _ := second.Zone()
	switch {
	case strings.EqualFold(choice, "first") || (a1 != a2 && strings.EqualFold(choice, a1)):
		return first, nil
	case strings.EqualFold(choice, "second") || (a1 != a2 && strings.EqualFold(choice, a2)):
		return second, nil
	}
	rep := &RepeatedTimeError{First: first, Second: second, Choices: [2]string{"first", "second"}}
	how := `add "first" for the earlier one or "second" for the later one`
	if a1 != a2 && lettersOnly(a1) && lettersOnly(a2) {
		rep.Choices = [2]string{a1, a2}
		how = `add ` + a1 + ` for the first (before the clocks go back) or ` + a2 + ` for the second, e.g. "` + wall.Format("2006-01-02 15:04") + ` ` + a2 + `"`
	}
	back, _ := second.ZoneBounds()
	rep.msg = Errorf(EINVALID, "%s happens twice on %s in %s (clocks go back from %s to %s); %s.",
		clock(wall), wall.Format("2 January 2006"), placeName(zone),
		clock(back.In(time.FixedZone("", offsetOf(first)))), clock(back.In(loc)), how)
	return time.Time{}, rep
}

// RepeatedTimeError is ParseLocalTime's refusal of a time that happens
// twice, for a screen that asks which one: First and Second are the two
// instants; adding Choices[0] or Choices[1] after the typed time picks one.
type RepeatedTimeError struct {
	First, Second time.Time
	Choices       [2]string
	msg           *Error
}

func (e *RepeatedTimeError) Error() string { return e.msg.Message }

// Unwrap gives the message for staff to ErrorMessage and ErrorCode.
func (e *RepeatedTimeError) Unwrap() error { return e.msg }

func lettersOnly(s string) bool {
	return s != "" && strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") == ""
}

// instantsAt lists, earliest first, the instants at which loc's clocks
// show wall: none in a gap, two in a repeated hour.
func instantsAt(wall time.Time, loc *time.Location) []time.Time {
	naive := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, time.UTC)
	var found []time.Time
	seen := map[int]bool{}
	// The offsets in force a day either side cover any one transition.
	for _, probe := range []time.Time{naive.Add(-26 * time.Hour), naive, naive.Add(26 * time.Hour)} {
		off := offsetOf(probe.In(loc))
		if seen[off] {
			continue
		}
		seen[off] = true
		t := naive.Add(-time.Duration(off) * time.Second).In(loc)
		if t.Year() == wall.Year() && t.YearDay() == wall.YearDay() && t.Hour() == wall.Hour() && t.Minute() == wall.Minute() && t.Second() == wall.Second() {
			found = append(found, t)
		}
	}
	if len(found) == 2 && found[1].Before(found[0]) {
		found[0], found[1] = found[1], found[0]
	}
	return found
}

// gapError says that wall is skipped in loc, between which clock times,
// and which times to choose instead.
func gapError(wall time.Time, loc *time.Location, zone string) error {
	naive := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, time.UTC)
	before := offsetOf(naive.Add(-26 * time.Hour).In(loc))
	// Read with the offset before the jump, wall is already after it.
	after := naive.Add(-time.Duration(before) * time.Second).In(loc)
	jump, _ := after.ZoneBounds()
	skipped := time.Duration(offsetOf(after)-before) * time.Second
	from := jump.In(time.FixedZone("", before))
	return Errorf(EINVALID, "%s does not exist on %s in %s (clocks go from %s to %s); choose %s or %s.",
		clock(wall), wall.Format("2 January 2006"), placeName(zone), clock(from), clock(jump.In(loc)),
		clock(wall.Add(-skipped)), clock(jump.In(loc)))
}

func offsetOf(t time.Time) int {
	_, off := t.Zone()
	return off
}

// clock writes a time of day as staff say it: "2:30", "14:00".
func clock(t time.Time) string {
	s := strconv.Itoa(t.Hour()) + ":" + t.Format("04")
	if t.Second() != 0 {
		s += t.Format(":05")
	}
	return s
}

// placeName is the place a zone is named after: "America/New_York" is
// "New York".
func placeName(zone string) string {
	zone = strings.TrimSpace(zone)
	return strings.ReplaceAll(zone[strings.LastIndexByte(zone, '/')+1:], "_", " ")
}
