package engine

import (
	"time"

	"github.com/turnout-app/turnout/core"
)

// EncodeSentNote lets tests write the sent journal a crashed run leaves.
func EncodeSentNote(job, event, registrant core.ID, at time.Time) []byte {
	return sentNote{job: job, event: event, registrant: registrant, at: at}.encode()
}
