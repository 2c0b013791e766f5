package checkin

import (
	"strings"

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
	colAttended // Zoom and GoTo webinar reports: "Yes" or "No"
	colRole     // Teams and RingCentral: Organizer, Presenter, Host, Panelist…
	colAltEmail // Teams "Participant ID (UPN)": the sign-in address
	numCols
)

// reportHeaders maps column headings as the Zoom, Teams, GoTo and
// RingCentral web portals write them to column roles; csvfile.Headings
// matches them in any case, spacing and punctuation, with or without a note
// such as "(UTC)". Zoom writes its headings in the language of the portal,
// so the German, French, Spanish, Portuguese, Japanese and Chinese ones are
// here too.
var reportHeaders = csvfile.NewHeadings(map[string]int{
	"name": colName, "name (original name)": colName, "user name": colName, "user name (original name)": colName,
	"participant": colName, "participant name": colName, "attendee name": colName, "full name": colName,
	"display name": colName,
	"first name":   colFirst, "last name": colLast,
	"user email": colEmail, "email": colEmail, "email address": colEmail, "attendee email": colEmail,
	"participant email": colEmail,
	"join time":         colJoin, "join date/time": colJoin, "joined": colJoin, "joined at": colJoin, "join": colJoin,
	"first join time": colJoin, "entered": colJoin, "first join": colJoin,
	"leave time": colLeave, "leave date/time": colLeave, "left": colLeave, "left at": colLeave, "leave": colLeave,
	"last leave time": colLeave, "exited": colLeave, "last leave": colLeave,
	"duration (minutes)": colMinutes, "duration (mins)": colMinutes, "duration": colMinutes,
	"time in session (minutes)": colMinutes, "in session duration": colMinutes, "attendance duration": colMinutes,
	"time in session": colMinutes, "minutes": colMinutes, "total duration (minutes)": colMinutes,
	"in-meeting duration": colMinutes,
	"duration (seconds)":  colSeconds, "attendance time in seconds": colSeconds,
	"registrant id": colRegistrantID, "registration id": colRegistrantID,
	"session": colSession, "session id": colSession, "meeting id": colSession, "instance": colSession,
	"attended": colAttended, "role": colRole, "participant id (upn)": colAltEmail,

	// German
	"name (ursprünglicher name)": colName, "benutzername": colName, "vorname": colFirst, "nachname": colLast,
	"benutzer-e-mail": colEmail, "e-mail-adresse": colEmail, "beitrittszeit": colJoin, "austrittszeit": colLeave,
	"dauer (minuten)": colMinutes, "dauer": colMinutes, "teilgenommen": colAttended, "rolle": colRole,
	// French
	"nom (nom d'origine)": colName, "nom d'utilisateur": colName, "nom": colName, "prénom": colFirst,
	"nom de famille": colLast, "e-mail de l'utilisateur": colEmail, "adresse e-mail": colEmail,
	"heure d'arrivée": colJoin, "heure de départ": colLeave, "durée (minutes)": colMinutes, "durée": colMinutes,
	"a participé": colAttended, "rôle": colRole,
	// Spanish
	"nombre (nombre original)": colName, "nombre de usuario": colName, "nombre": colName, "apellido": colLast,
	"correo electrónico del usuario": colEmail, "correo electrónico": colEmail, "hora de ingreso": colJoin,
	"hora de salida": colLeave, "duración (minutos)": colMinutes, "duración": colMinutes, "asistió": colAttended,
	// Portuguese
	"nome (nome original)": colName, "nome de usuário": colName, "nome": colName, "sobrenome": colLast,
	"e-mail do usuário": colEmail, "hora de entrada": colJoin, "hora de saída": colLeave,
	"duração (minutos)": colMinutes, "duração": colMinutes, "participou": colAttended,
	// Japanese
	"名前 (元の名前)": colName, "名前": colName, "ユーザー名": colName, "ユーザーメール": colEmail, "メール": colEmail,
	"メールアドレス": colEmail, "参加時刻": colJoin, "退出時刻": colLeave, "期間 (分)": colMinutes, "期間": colMinutes,
	"出席": colAttended,
	// Chinese
	"名称 (原始名称)": colName, "名称": colName, "用户名": colName, "用户邮箱": colEmail, "邮箱": colEmail,
	"加入时间": colJoin, "离开时间": colLeave, "时长 (分钟)": colMinutes, "时长": colMinutes, "已参加": colAttended,
})

// dayFirstJoinHeadings are the join-time headings of portals whose dates
// put the day first (02/12/2026 is 2 December): French, Spanish,
// Portuguese, and German (which writes 02.12.2026, also read otherwise).
var dayFirstJoinHeadings = map[string]bool{
	csvfile.HeaderKey("heure d'arrivée"): true, csvfile.HeaderKey("hora de ingreso"): true,
	csvfile.HeaderKey("hora de entrada"): true, csvfile.HeaderKey("beitrittszeit"): true,
}

// meetingHeaders are the headings of the line above a Zoom report's
// meeting line (topic, ID, the host's email…), in every portal language.
var meetingHeaders = csvfile.NewHeadings(map[string]bool{
	"topic": true, "meeting id": true, "webinar id": true,
	"thema": true, "meeting-id": true, "webinar-id": true,
	"sujet": true, "id de réunion": true, "id du webinaire": true,
	"tema": true, "id de reunión": true, "id del seminario web": true,
	"tópico": true, "id da reunião": true, "id do webinar": true,
	"トピック": true, "ミーティングid": true, "ウェビナーid": true,
	"主题": true, "会议id": true, "网络研讨会id": true,
})

// lookupHeading reads a heading, with the full-width brackets of Japanese
// and Chinese portals read as ASCII ones so that notes such as "（分）"
// are recognised.
func lookupHeading(h string) (int, bool) {
	return reportHeaders.Lookup(asciiBrackets(h))
}

func asciiBrackets(h string) string {
	return strings.NewReplacer("（", "(", "）", ")").Replace(h)
}

// reportSection is a part of a report that a title line opens.
type reportSection int

const (
	sectionNone        reportSection = iota
	sectionStaff                     // Zoom Host or Panelist Details, GoTo organizers and panelists
	sectionAttendees                 // Zoom Attendee Details and Other Attended, GoTo Session Details
	sectionSummary                   // Teams "1. Summary": meeting facts, no people
	sectionTeamsPeople               // Teams "2. Participants": one line a person
	sectionTeamsJoins                // Teams "3. In-Meeting Activities": one line a join
)

// sectionTitles are the title lines that open a section, by HeaderKey,
// with the staff role of the people listed under them.
var sectionTitles = map[string]struct {
	section reportSection
	role    core.StaffRole
	zoom    bool // a Zoom webinar report's section
}{
	"hostdetails":          {sectionStaff, core.RoleHost, true},
	"panelistdetails":      {sectionStaff, core.RolePanelist, true},
	"attendeedetails":      {sectionAttendees, "", true},
	"otherattended":        {sectionAttendees, "", true},
	"sessiondetails":       {sectionAttendees, "", false},
	"organizerdetails":     {sectionStaff, core.RoleOrganizer, false},
	"coorganizerdetails":   {sectionStaff, core.RoleCoHost, false},
	"panelists":            {sectionStaff, core.RolePanelist, false},
	"1summary":             {sectionSummary, "", false},
	"2participants":        {sectionTeamsPeople, "", false},
	"3inmeetingactivities": {sectionTeamsJoins, "", false},
}

// staffRoles reads a Role cell: Teams (Organizer, Co-organizer, Presenter,
// Attendee), RingCentral (Host, Cohost, Panelist, Attendee) and GoTo.
var staffRoles = map[string]core.StaffRole{
	"organizer": core.RoleOrganizer, "organiser": core.RoleOrganizer, "coorganizer": core.RoleCoHost,
	"coorganiser": core.RoleCoHost, "presenter": core.RolePresenter, "host": core.RoleHost,
	"cohost": core.RoleCoHost, "alternativehost": core.RoleCoHost, "panelist": core.RolePanelist,
	"panellist":   core.RolePanelist,
	"organisator": core.RoleOrganizer, "referent": core.RolePresenter, "organisateur": core.RoleOrganizer,
	"présentateur": core.RolePresenter, "organizador": core.RoleOrganizer, "moderador": core.RolePresenter,
	"開催者": core.RoleOrganizer, "発表者": core.RolePresenter, "组织者": core.RoleOrganizer, "演示者": core.RolePresenter,
}

// notAttended are the "Attended" cells of a registrant who did not come.
var notAttended = map[string]bool{"no": true, "nein": true, "non": true, "não": true, "nao": true, "いいえ": true, "否": true}
