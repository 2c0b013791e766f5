package checkin

import (
	"strconv"
	"strings"
	"time"
	"unicode"
)

// reportTimeLayouts are the date formats the portals export. Where the
// month or the day may come first (03/04/2026), month first is tried first
// unless the report's language writes the day first (see dayFirstLayouts).
var reportTimeLayouts = []string{
	time.RFC3339, "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05",
	"01/02/2006 03:04:05 PM", "01/02/2006 3:04:05 PM", "1/2/2006 3:04:05 PM", "01/02/2006 03:04 PM",
	"1/2/2006 3:04 PM", "01/02/2006 15:04:05", "1/2/2006 15:04", "01/02/2006 15:04",
	"1/2/06, 3:04:05 PM", "1/2/2006, 3:04:05 PM", "1/2/06, 3:04 PM", // Teams
	"Jan 2, 2006 03:04:05 PM", "Jan 2, 2006 3:04 PM", "Jan 02, 2006 03:04 PM", "January 2, 2006 3:04 PM",
	"Mon Jan 2, 2006 3:04 PM", "02.01.2006 15:04:05", "02.01.2006 15:04",
	"2006/01/02 15:04:05", "2006/01/02 15:04", "2006/1/2 15:04:05", "2006/1/2 15:04", // Japanese, Chinese
	"02/01/2006 15:04:05", "02/01/2006 15:04", "2/1/2006 15:04", // day first, when month first can't be
}

// dayFirstLayouts are tried first for a report whose language writes the
// day first (French, Spanish, Portuguese, German portals).
var dayFirstLayouts = []string{"02/01/2006 15:04:05", "02/01/2006 15:04", "2/1/2006 15:04:05", "2/1/2006 15:04"}

// parseReportTime reads a time in loc; the zone words some portals
// append ("PM EST", "(GMT-05:00)") are dropped. hint, when not nil, holds
// the layout that read the column's last time, tried first since a
// column keeps one format.
func parseReportTime(s string, loc *time.Location, dayFirst bool, hint *string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if i := strings.Index(s, " ("); i > 0 {
		s = s[:i]
	}
	layouts := reportTimeLayouts
	if dayFirst {
		layouts = append(dayFirstLayouts[:len(dayFirstLayouts):len(dayFirstLayouts)], reportTimeLayouts...)
	}
	for range 2 {
		if hint != nil && *hint != "" {
			if t, err := time.ParseInLocation(*hint, s, loc); err == nil {
				return t, true
			}
		}
		for _, l := range layouts {
			if t, err := time.ParseInLocation(l, s, loc); err == nil {
				if hint != nil {
					*hint = l
				}
				return t, true
			}
		}
		// drop a trailing zone abbreviation and try again
		i := strings.LastIndexByte(s, ' ')
		if i < 0 {
			break
		}
		s = s[:i]
	}
	return time.Time{}, false
}

// parseMinutes reads "42", "42.5", "1:02:03" (h:m:s), "62 min" or Teams'
// "1h 4m 28s".
func parseMinutes(v string) time.Duration {
	v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.ToLower(v), "mins"), "min"))
	if d, ok := parseUnits(v); ok {
		return d
	}
	if strings.Contains(v, ":") {
		parts := strings.Split(v, ":")
		var d time.Duration
		for _, p := range parts {
			n, err := strconv.Atoi(strings.TrimSpace(p))
			if err != nil || n < 0 || n > 1e6 {
				return 0
			}
			d = d*60 + time.Duration(n)
		}
		if len(parts) == 2 { // h:mm
			return d * time.Minute
		}
		return d * time.Second
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || !(n > 0 && n <= 1e6) {
		return 0
	}
	return time.Duration(n * float64(time.Minute))
}

// parseUnits reads durations written with unit letters, as Teams does:
// "1h 4m 28s", "45m 2s", "12s".
func parseUnits(v string) (time.Duration, bool) {
	if v == "" || !unicode.IsDigit(rune(v[0])) || !strings.ContainsAny(v, "hms") {
		return 0, false
	}
	var d time.Duration
	for _, part := range strings.Fields(v) {
		if len(part) < 2 {
			return 0, false
		}
		n, err := strconv.Atoi(part[:len(part)-1])
		if err != nil || n < 0 || n > 1e6 {
			return 0, false
		}
		switch part[len(part)-1] {
		case 'h':
			d += time.Duration(n) * time.Hour
		case 'm':
			d += time.Duration(n) * time.Minute
		case 's':
			d += time.Duration(n) * time.Second
		default:
			return 0, false
		}
	}
	return d, true
}

// emptyCell tells the placeholders portals write for "nothing": Zoom's
// "--" for a time never reached and "NA" on a rejoin line's registration
// details.
func emptyCell(v string) bool {
	switch strings.ToUpper(v) {
	case "", "--", "-", "NA", "N/A":
		return true
	}
	return false
}

// withoutOriginalName drops the "(Original Name)" Zoom adds after a name
// that was changed in the meeting: "Ann Lee (Annie's iPad)" is Ann Lee.
func withoutOriginalName(name string) string {
	if i := strings.LastIndexByte(name, '('); i > 0 && strings.HasSuffix(name, ")") {
		return strings.TrimSpace(name[:i])
	}
	return name
}
