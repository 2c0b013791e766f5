package core

import "context"

type bulkKey struct{}

// WithBulk marks ctx as bulk work (the background push of registrants).
// Adapters of providers with tight rate limits serve interactive calls
// (check-in, test connection, linking an event) before bulk ones, so a long
// push never delays a check-in.
func WithBulk(ctx context.Context) context.Context { return context.WithValue(ctx, bulkKey{}, true) }

// IsBulk reports whether ctx carries bulk work (WithBulk).
func IsBulk(ctx context.Context) bool { b, _ := ctx.Value(bulkKey{}).(bool); return b }
