package core

import (
	"fmt"
	"strconv"
	"time"
)

// PushLeft is how long the registrations still to send take at the
// provider's limit; 0 when nothing waits or the provider is fast enough
// not to mention.
func (s EventSync) PushLeft() time.Duration {
	return PushTime(s.Pending+s.NotPushed, s.PushPerMinute)
}

// PushTime is how long n registrations take at perMinute a minute (0 when
// perMinute is 0: no limit worth mentioning).
func PushTime(n int, perMinute float64) time.Duration {
	if n <= 0 || perMinute <= 0 {
		return 0
	}
	return time.Duration(float64(n) / perMinute * float64(time.Minute))
}

// PushEstimate says how long n registrations take at a provider's limit:
// "1,000 people take about 1 h 40 min at RingCentral's limit." ("" when
// it does not matter).
func PushEstimate(n int, perMinute float64, provider string) string {
	d := PushTime(n, perMinute)
	if d < time.Minute {
		return ""
	}
	who := Thousands(n) + " people take"
	if n == 1 {
		who = "1 person takes"
	}
	return fmt.Sprintf("%s about %s at %s's limit.", who, RoughDuration(d), provider)
}

// RoughDuration words a wait for staff: "1 h 40 min", "25 min", "2 days
// 3 h"; under a minute is "less than a minute".
func RoughDuration(d time.Duration) string {
	d = d.Round(time.Minute)
	switch {
	case d < time.Minute:
		return "less than a minute"
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	case d < 24*time.Hour:
		h, m := int(d.Hours()), int(d.Minutes())%60
		if m == 0 {
			return fmt.Sprintf("%d h", h)
		}
		return fmt.Sprintf("%d h %d min", h, m)
	}
	days, h := int(d.Hours())/24, int(d.Hours())%24
	unit := "days"
	if days == 1 {
		unit = "day"
	}
	if h == 0 {
		return fmt.Sprintf("%d %s", days, unit)
	}
	return fmt.Sprintf("%d %s %d h", days, unit, h)
}

// Thousands writes n with thousands separators: 1,000.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
