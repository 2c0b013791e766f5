package checkin

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/csvfile"
)

// column roles of an attendee report.
const (
	colName = iota
	colFirst
	colLast
	colEmail
	colJoin
	colLeave
	colMinutes
	colSeconds
	colRegistrantID
	colSession
	numCols
)

// reportHeaders maps column headings as the Zoom, GoTo and RingCentral web
// portals write them to column roles; csvfile.Headings matches them in any
// case, spacing and punctuation, with or without a note such as "(UTC)".
var reportHeaders = csvfile.NewHeadings(map[string]int{
	"name": colName, "name (original name)": colName, "user name": colName, "user name (original name)": colName,
	"participant": colName, "participant name": colName, "attendee name": colName, "full name": colName,
	"display name": colName,
	"first name":   colFirst, "last name": colLast,
	"user email": colEmail, "email": colEmail, "email address": colEmail, "attendee email": colEmail,
	"participant email": colEmail,
	"join time":         colJoin, "join date/time": colJoin, "joined": colJoin, "joined at": colJoin, "join": colJoin,
	"first join time": colJoin, "entered": colJoin,
	"leave time": colLeave, "leave date/time": colLeave, "left": colLeave, "left at": colLeave, "leave": colLeave,
	"last leave time": colLeave, "exited": colLeave,
	"duration (minutes)": colMinutes, "duration (mins)": colMinutes, "duration": colMinutes,
	"time in session (minutes)": colMinutes, "in session duration": colMinutes, "attendance duration": colMinutes,
	"time in session": colMinutes, "minutes": colMinutes, "total duration (minutes)": colMinutes,
	"duration (seconds)": colSeconds, "attendance time in seconds": colSeconds,
	"registrant id": colRegistrantID, "registration id": colRegistrantID,
	"session": colSession, "session id": colSession, "meeting id": colSession, "instance": colSession,
})

// reportTimeLayouts are the date formats the portals export.
var reportTimeLayouts = []string{
	time.RFC3339, "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05",
	"01/02/2006 03:04:05 PM", "01/02/2006 3:04:05 PM", "1/2/2006 3:04:05 PM", "01/02/2006 03:04 PM",
	"1/2/2006 3:04 PM", "01/02/2006 15:04:05", "1/2/2006 15:04", "01/02/2006 15:04",
	"Jan 2, 2006 03:04:05 PM", "Jan 2, 2006 3:04 PM", "Jan 02, 2006 03:04 PM", "January 2, 2006 3:04 PM",
	"Mon Jan 2, 2006 3:04 PM", "02.01.2006 15:04:05", "02.01.2006 15:04",
}

// parseReportTime reads a time in loc; the zone words some portals
// append ("PM EST", "(GMT-05:00)") are dropped.
func parseReportTime(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if i := strings.Index(s, " ("); i > 0 {
		s = s[:i]
	}
	for range 2 {
		for _, l := range reportTimeLayouts {
			if t, err := time.ParseInLocation(l, s, loc); err == nil {
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

// ErrNoReportHeader says the file has no header naming a participant.
var ErrNoReportHeader = core.Errorf(core.EINVALID,
	"This file does not look like an attendee report: no row names the columns (Name or User Name, and Email or Join Time). "+
		"Download the participant report from Zoom, GoTo or RingCentral as CSV and try again.")

// reportAdvice is what to do with a report file that is not CSV.
const reportAdvice = "Download the participant report from Zoom, GoTo or RingCentral as CSV and import that file."

// ParseReport reads an attendee report CSV as the Zoom, GoTo and
// RingCentral web portals export it, into join rows, through the shared
// CSV front end (any encoding, delimiter or "sep=" line csvfile reads).
// Summary lines above the participant table (Zoom's meeting details) are
// skipped; times without a zone are read in loc, or in UTC when their
// heading says "(UTC)" or "(GMT)". Rows without a name or email are skipped
// and counted in skipped. A line that can't be read (a quote that is never
// closed) stops the import with an error naming the line, a
// *csvfile.LineError that is also a user-safe core.Error; ParseReportSkipping
// reads on past it instead, when staff choose to skip the line.
func ParseReport(r io.Reader, loc *time.Location) (rows []core.JoinRow, skipped int, err error) {
	return parseReport(r, loc, false)
}

// ParseReportSkipping is ParseReport reading on past lines that can't be
// read, counting them in skipped.
func ParseReportSkipping(r io.Reader, loc *time.Location) (rows []core.JoinRow, skipped int, err error) {
	return parseReport(r, loc, true)
}

func parseReport(r io.Reader, loc *time.Location, skipBroken bool) (rows []core.JoinRow, skipped int, err error) {
	if loc == nil {
		loc = time.UTC
	}
	cr, err := csvfile.NewReader(io.LimitReader(r, 256<<20), csvfile.Options{LazyQuotes: true, Advice: reportAdvice})
	if err != nil {
		return nil, 0, err
	}
	var cols reportLayout
	haveHeader := false
	for {
		rec, _, rerr := cr.Read()
		if rerr == io.EOF {
			break
		}
		var broken *csvfile.LineError
		if errors.As(rerr, &broken) {
			if !skipBroken {
				return nil, skipped, broken
			}
			skipped++
			continue
		} else if rerr != nil {
			return nil, skipped, core.Errorf(core.EINVALID, "Could not read the report: %v", rerr)
		}
		if !haveHeader {
			if c, ok := mapReportHeader(rec); ok {
				cols, haveHeader = c, true
			}
			continue
		}
		row, ok := reportRow(rec, cols, loc)
		if !ok {
			if len(rec) > 1 || (len(rec) == 1 && strings.TrimSpace(rec[0]) != "") {
				if c, isHeader := mapReportHeader(rec); isHeader { // a second table (Zoom: host section, then participants)
					cols = c
					continue
				}
				skipped++
			}
			continue
		}
		rows = append(rows, row)
	}
	if !haveHeader {
		return nil, skipped, ErrNoReportHeader
	}
	return rows, skipped, nil
}

// reportLayout says which cell holds each column role (-1: none) and
// which time columns are headed as UTC.
type reportLayout struct {
	col [numCols]int
	utc [numCols]bool
}

func mapReportHeader(rec []string) (l reportLayout, ok bool) {
	cols := &l.col
	for i := range cols {
		cols[i] = -1
	}
	for i, h := range rec {
		if c, found := reportHeaders.Lookup(h); found && cols[c] < 0 {
			cols[c] = i
			note := csvfile.Note(h)
			l.utc[c] = note == "utc" || note == "gmt"
		}
	}
	named := cols[colName] >= 0 || cols[colFirst] >= 0 || cols[colEmail] >= 0
	timed := cols[colJoin] >= 0 || cols[colMinutes] >= 0 || cols[colSeconds] >= 0 || cols[colEmail] >= 0
	return l, named && timed && (cols[colName] >= 0 || cols[colFirst] >= 0 || cols[colJoin] >= 0)
}

func reportRow(rec []string, l reportLayout, loc *time.Location) (core.JoinRow, bool) {
	get := func(c int) string {
		if i := l.col[c]; i >= 0 && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var row core.JoinRow
	row.Name = get(colName)
	if row.Name == "" {
		row.Name = strings.TrimSpace(get(colFirst) + " " + get(colLast))
	}
	if e := get(colEmail); strings.Contains(e, "@") {
		row.Email = e
	}
	if row.Name == "" && row.Email == "" {
		return row, false
	}
	row.RegistrantID = get(colRegistrantID)
	row.Instance = get(colSession)
	row.JoinTime, _ = parseReportTime(get(colJoin), l.zone(colJoin, loc))
	row.LeaveTime, _ = parseReportTime(get(colLeave), l.zone(colLeave, loc))
	if v := get(colMinutes); v != "" {
		row.Duration = parseMinutes(v)
	} else if v := get(colSeconds); v != "" {
		if n, err := strconv.ParseFloat(v, 64); err == nil && n > 0 && n < 1e7 {
			row.Duration = time.Duration(n * float64(time.Second))
		}
	}
	if !row.LeaveTime.IsZero() && row.LeaveTime.Before(row.JoinTime) {
		row.LeaveTime = time.Time{}
	}
	if row.JoinTime.IsZero() && row.Duration == 0 {
		return row, false // a total line or a heading, not a person
	}
	return row, true
}

// zone is where the times of column c are read: UTC when its heading says
// so, else the event's zone.
func (l reportLayout) zone(c int, loc *time.Location) *time.Location {
	if l.utc[c] {
		return time.UTC
	}
	return loc
}

// parseMinutes reads "42", "42.5", "1:02:03" (h:m:s) or "62 min".
func parseMinutes(v string) time.Duration {
	v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.ToLower(v), "mins"), "min"))
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
