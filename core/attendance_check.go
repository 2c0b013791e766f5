package core

import "context"

// AttendanceCrossCheck is implemented by adapters whose registrant list
// says by itself who joined, apart from the participant report
// (RingCentral: a registrant who joined has a participantId). After a
// check-in the engine compares the two and warns staff where they
// disagree; the participant report still decides who is checked in.
type AttendanceCrossCheck interface {
	// AttendedRegistrants returns the provider's registrant IDs (as in
	// ProviderSync.RegistrantID) of the people the provider marks as
	// having joined the meeting id.
	AttendedRegistrants(ctx context.Context, kind MeetingKind, id string) ([]string, error)
}
