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

// reportAdvice is what to do with a report file that is not CSV.
const reportAdvice = "Download the attendee or participant report from Zoom, Microsoft Teams, GoTo or RingCentral as CSV and import that file."

// Report is what an attendee report file holds.
type Report struct {
	Layout    Layout
	Rows      []core.JoinRow
	Skipped   []core.SkippedLine // lines that looked like people but were not read, and why
	HostEmail string             // the host named in a Zoom usage report's meeting line
}

// ParseReport reads an attendee report as the Zoom, Teams, GoTo and
// RingCentral web portals export it, into join rows; see ReadReport.
func ParseReport(r io.Reader, loc *time.Location) (rows []core.JoinRow, skipped int, err error) {
	rep, err := ReadReport(r, loc, false)
	if err != nil {
		return nil, 0, err
	}
	return rep.Rows, len(rep.Skipped), nil
}

// ParseReportSkipping is ParseReport reading on past lines that can't be
// read, counting them in skipped.
func ParseReportSkipping(r io.Reader, loc *time.Location) (rows []core.JoinRow, skipped int, err error) {
	rep, err := ReadReport(r, loc, true)
	if err != nil {
		return nil, 0, err
	}
	return rep.Rows, len(rep.Skipped), nil
}

// ReadReport reads an attendee report through the shared CSV front end
// (any encoding, delimiter or "sep=" line csvfile reads, so also Teams'
// UTF-16 tab-separated file). Title, summary and meeting lines are read
// for what they say (the layout, the host's email, which section follows)
// and not as people; section titles (Zoom's "Host Details", Teams'
// "2. Participants") and Role columns give each row its staff role. Times
// without a zone are read in loc, or in UTC when their heading says
// "(UTC)" or "(GMT)". A line that can't be read (a quote that is never
// closed) stops the import with a *csvfile.LineError naming the line,
// unless skipBroken, which reads on past it.
func ReadReport(r io.Reader, loc *time.Location, skipBroken bool) (*Report, error) {
	if loc == nil {
		loc = time.UTC
	}
	cr, err := csvfile.NewReader(io.LimitReader(r, 256<<20), csvfile.Options{LazyQuotes: true, Advice: reportAdvice})
	if err != nil {
		return nil, err
	}
	p := &reportParser{loc: loc, rep: &Report{}}
	for {
		rec, line, rerr := cr.Read()
		if rerr == io.EOF {
			break
		}
		var broken *csvfile.LineError
		if errors.As(rerr, &broken) {
			if !skipBroken {
				return nil, broken
			}
			p.skip(line, broken.Reason())
			continue
		} else if rerr != nil {
			return nil, core.Errorf(core.EINVALID, "Could not read the report: %v", rerr)
		}
		p.record(trimCells(rec), line)
	}
	if !p.sawHeader {
		return nil, noHeaderError(p.firstRow)
	}
	p.finish()
	return p.rep, nil
}

// reportParser reads a report line by line.
type reportParser struct {
	loc        *time.Location
	rep        *Report
	cols       reportLayout
	haveHeader bool // for the current section
	sawHeader  bool
	section    reportSection
	role       core.StaffRole // of the current section
	meetingCol int            // the host email's cell on the meeting line to come; -1 none
	meetingDue bool
	firstRow   []string // the first line with several cells, for the message on an unknown file
	marks      layoutMarks
	teamsJoins []core.JoinRow // Teams' per-join lines, used instead of its per-person ones
}

func (p *reportParser) skip(line int, reason string) {
	p.rep.Skipped = append(p.rep.Skipped, core.SkippedLine{Line: line, Reason: reason})
}

func (p *reportParser) record(rec []string, line int) {
	if len(rec) == 0 {
		return
	}
	if p.firstRow == nil && len(rec) > 1 {
		p.firstRow = append([]string(nil), rec...)
	}
	if len(rec) == 1 {
		if s, ok := sectionTitles[csvfile.HeaderKey(rec[0])]; ok {
			p.section, p.role, p.haveHeader = s.section, s.role, false
			p.marks.section(s.section, s.zoom)
			return
		}
	}
	if !p.sawHeader {
		p.marks.title(rec) // the portal named above the table
	}
	switch {
	case p.section == sectionSummary:
		return // meeting facts: title, times, counts
	case p.meetingDue:
		p.meetingDue = false
		if p.meetingCol >= 0 && p.meetingCol < len(rec) && strings.Contains(rec[p.meetingCol], "@") {
			p.rep.HostEmail = strings.TrimSpace(rec[p.meetingCol])
		}
		return
	}
	if p.haveHeader {
		row, reason := reportRow(rec, p.cols, p.loc)
		if reason == "" {
			p.add(row)
			return
		}
		if !p.newTable(rec) {
			p.skip(line, reason)
		}
		return
	}
	p.newTable(rec) // else a title or note above the table
}

// newTable reads a line that starts a table: the headings of a Zoom
// meeting line, or of the participants.
func (p *reportParser) newTable(rec []string) bool {
	if col, ok := meetingHeader(rec); ok {
		p.meetingDue, p.meetingCol = true, col
		p.marks.meeting = true
		return true
	}
	c, ok := mapReportHeader(rec)
	if ok {
		p.cols, p.haveHeader, p.sawHeader = c, true, true
		p.marks.header(rec)
	}
	return ok
}

// add keeps a person's line, with the role of the section it is in.
func (p *reportParser) add(row core.JoinRow) {
	if row.Role == "" {
		row.Role = p.role
	}
	p.marks.role(row.Role)
	if p.section == sectionTeamsJoins {
		p.teamsJoins = append(p.teamsJoins, row)
		return
	}
	p.rep.Rows = append(p.rep.Rows, row)
}

// finish settles what needs the whole file: Teams' per-join lines replace
// its per-person ones, the host of a usage report is staff, and the
// layout is named.
func (p *reportParser) finish() {
	rep := p.rep
	if len(p.teamsJoins) > 0 {
		roles := map[string]core.StaffRole{}
		for _, r := range rep.Rows {
			if r.Role != "" {
				roles[core.EmailKey(r.Email)] = r.Role
			}
		}
		for i := range p.teamsJoins {
			if r := &p.teamsJoins[i]; r.Role == "" {
				r.Role = roles[core.EmailKey(r.Email)]
			}
		}
		rep.Rows = p.teamsJoins
	}
	if host := core.EmailKey(rep.HostEmail); host != "" {
		for i := range rep.Rows {
			if r := &rep.Rows[i]; r.Role == "" && core.EmailKey(r.Email) == host {
				r.Role = core.RoleHost
			}
		}
	}
	rep.Layout = p.marks.layout()
}

// trimCells drops the empty cells some portals pad every line with
// ("Host Details,,,,,,") and the spaces around each cell.
func trimCells(rec []string) []string {
	n := len(rec)
	for n > 0 && strings.TrimSpace(rec[n-1]) == "" {
		n--
	}
	out := rec[:n]
	for i := range out {
		out[i] = strings.TrimSpace(out[i])
	}
	return out
}

// meetingHeader recognises the headings of a Zoom report's meeting line
// (Topic and Meeting or Webinar ID) and where the host's email is.
func meetingHeader(rec []string) (emailCol int, ok bool) {
	known := 0
	emailCol = -1
	for i, h := range rec {
		if _, found := meetingHeaders.Lookup(asciiBrackets(h)); found {
			known++
		}
		if c, found := lookupHeading(h); found && c == colEmail && emailCol < 0 {
			emailCol = i
		}
	}
	return emailCol, known >= 2
}

// reportLayout says which cell holds each column role (-1: none), which
// time columns are headed as UTC, and how dates are written.
type reportLayout struct {
	col          [numCols]int
	utc          [numCols]bool
	dayFirst     bool
	originalName bool // the name heading is "Name (Original Name)"
	// timeLayouts are the date layouts that read the join and leave
	// columns last (see parseReportTime), shared by copies of the layout.
	timeLayouts *[2]string
}

func mapReportHeader(rec []string) (l reportLayout, ok bool) {
	cols := &l.col
	l.timeLayouts = new([2]string)
	for i := range cols {
		cols[i] = -1
	}
	for i, h := range rec {
		if c, found := lookupHeading(h); found && cols[c] < 0 {
			cols[c] = i
			note := csvfile.Note(asciiBrackets(h))
			l.utc[c] = note == "utc" || note == "gmt"
			switch c {
			case colJoin:
				l.dayFirst = dayFirstJoinHeadings[csvfile.HeaderKey(h)]
			case colName:
				l.originalName = note != "" && note != "utc"
			}
		}
	}
	named := cols[colName] >= 0 || cols[colFirst] >= 0 || cols[colEmail] >= 0
	timed := cols[colJoin] >= 0 || cols[colMinutes] >= 0 || cols[colSeconds] >= 0 || cols[colEmail] >= 0
	return l, named && timed && (cols[colName] >= 0 || cols[colFirst] >= 0 || cols[colJoin] >= 0)
}

// Reasons a line is not read as a person.
const (
	reasonNoPerson    = "no name or email"
	reasonNotAttended = "registered but marked as not attended"
	reasonNoTime      = "no join time or time in session"
)

func reportRow(rec []string, l reportLayout, loc *time.Location) (core.JoinRow, string) {
	get := func(c int) string {
		if i := l.col[c]; i >= 0 && i < len(rec) && !emptyCell(rec[i]) {
			return rec[i]
		}
		return ""
	}
	var row core.JoinRow
	row.Name = get(colName)
	if l.originalName {
		row.Name = withoutOriginalName(row.Name)
	}
	if row.Name == "" {
		row.Name = strings.TrimSpace(get(colFirst) + " " + get(colLast))
	}
	if e := get(colEmail); strings.Contains(e, "@") {
		row.Email = e
	} else if e := get(colAltEmail); strings.Contains(e, "@") {
		row.Email = e
	}
	if row.Name == "" && row.Email == "" {
		return row, reasonNoPerson
	}
	if notAttended[strings.ToLower(get(colAttended))] {
		return row, reasonNotAttended
	}
	row.Role = staffRoles[csvfile.HeaderKey(get(colRole))]
	row.RegistrantID = get(colRegistrantID)
	row.Instance = get(colSession)
	row.JoinTime, _ = parseReportTime(get(colJoin), l.zone(colJoin, loc), l.dayFirst, &l.timeLayouts[0])
	row.LeaveTime, _ = parseReportTime(get(colLeave), l.zone(colLeave, loc), l.dayFirst, &l.timeLayouts[1])
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
		return row, reasonNoTime // a total line or a heading, not a person
	}
	return row, ""
}

// zone is where the times of column c are read: UTC when its heading says
// so, else the event's zone.
func (l reportLayout) zone(c int, loc *time.Location) *time.Location {
	if l.utc[c] {
		return time.UTC
	}
	return loc
}
