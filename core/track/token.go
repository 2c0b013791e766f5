// Package track is the click-tracking endpoint: each registrant's
// reminder links to BASE/j/TOKEN, where TOKEN names the event and the
// registrant and carries an HMAC-SHA256 of both under a secret made at
// first start. A valid click is recorded and redirected to the join URL
// kept in the store; anything else gets a plain 404.
package track

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"

	"github.com/turnout-app/turnout/core"
)

// SecretSize is the length of the signing secret in bytes.
const SecretSize = 32

// NewSecret makes a random signing secret.
func NewSecret() ([]byte, error) {
	b := make([]byte, SecretSize)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	return b, nil
}

// Signer makes and checks tokens.
type Signer struct{ secret []byte }

// NewSigner returns a signer over a secret of SecretSize bytes.
func NewSigner(secret []byte) (*Signer, error) {
	if len(secret) < 16 {
		return nil, errors.New("track: the signing secret is too short")
	}
	return &Signer{secret: append([]byte{}, secret...)}, nil
}

const (
	macSize = sha256.Size
	// maxTokenLen bounds the text parsed: two 10-byte uvarints and the MAC.
	maxTokenLen = (2*binary.MaxVarintLen64 + macSize + 2) / 3 * 4
)

// ErrBadToken is returned for any token that is not one this signer made.
var ErrBadToken = errors.New("track: bad token")

func (s *Signer) mac(eventID, registrantID core.ID) []byte {
	m := hmac.New(sha256.New, s.secret)
	var b [len("turnout/click/v1") + 16]byte
	n := copy(b[:], "turnout/click/v1")
	binary.BigEndian.PutUint64(b[n:], uint64(eventID))
	binary.BigEndian.PutUint64(b[n+8:], uint64(registrantID))
	m.Write(b[:])
	return m.Sum(nil)
}

// Token is the URL-safe token of (event, registrant): the two IDs as
// uvarints followed by their MAC, in unpadded base64url.
func (s *Signer) Token(eventID, registrantID core.ID) string {
	raw := make([]byte, 0, 2*binary.MaxVarintLen64+macSize)
	raw = binary.AppendUvarint(raw, uint64(eventID))
	raw = binary.AppendUvarint(raw, uint64(registrantID))
	raw = append(raw, s.mac(eventID, registrantID)...)
	return base64.RawURLEncoding.EncodeToString(raw)
}

// Parse checks a token and returns the IDs it names. Any change to the
// token — another ID, a cut or padded MAC, a non-canonical encoding —
// gives ErrBadToken. The MAC is compared in constant time.
func (s *Signer) Parse(token string) (eventID, registrantID core.ID, err error) {
	if len(token) == 0 || len(token) > maxTokenLen {
		return 0, 0, ErrBadToken
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(token)
	if err != nil {
		return 0, 0, ErrBadToken
	}
	ev, n1 := binary.Uvarint(raw)
	if n1 <= 0 {
		return 0, 0, ErrBadToken
	}
	reg, n2 := binary.Uvarint(raw[n1:])
	if n2 <= 0 {
		return 0, 0, ErrBadToken
	}
	rest := raw[n1+n2:]
	if len(rest) != macSize || ev == 0 || reg == 0 {
		return 0, 0, ErrBadToken
	}
	// Only the shortest uvarint form is accepted, so one (event,
	// registrant) has exactly one token.
	if n1 != len(binary.AppendUvarint(nil, ev)) || n2 != len(binary.AppendUvarint(nil, reg)) {
		return 0, 0, ErrBadToken
	}
	if !hmac.Equal(rest, s.mac(core.ID(ev), core.ID(reg))) {
		return 0, 0, ErrBadToken
	}
	return core.ID(ev), core.ID(reg), nil
}

func decode(s string) ([]byte, error) { return base64.RawURLEncoding.Strict().DecodeString(s) }
func encode(b []byte) string          { return base64.RawURLEncoding.EncodeToString(b) }
