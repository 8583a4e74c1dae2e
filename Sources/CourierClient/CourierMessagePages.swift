import HTTPTransport

/// The pages of `GET /messages` for one filter, fetched one request per `next()`: the first page,
/// then `paging.cursor` while `paging.more` is true.
///
/// An error ends the sequence: it is thrown once, and `next()` returns nil afterwards. A page that
/// says `more` without a cursor, or repeats a cursor already followed, is a
/// ``CourierError/decoding(_:)`` at `/paging/cursor` rather than a request loop.
public struct CourierMessagePages: AsyncSequence, Sendable {
    /// The page type.
    public typealias Element = CourierMessagePage
    /// The one error type a client throws.
    public typealias Failure = CourierError

    let client: CourierClient
    let filter: CourierMessageFilter

    /// Starts from the first page.
    public func makeAsyncIterator() -> Iterator { Iterator(client: client, filter: filter) }

    /// The messages of every page, in order.
    public var results: CourierMessageResults { CourierMessageResults(pages: self) }

    /// Fetches the next page on each call.
    public struct Iterator: AsyncIteratorProtocol {
        /// The page type.
        public typealias Element = CourierMessagePage
        /// The one error type a client throws.
        public typealias Failure = CourierError

        enum State {
            case first
            case next(String)
            case finished
        }

        let client: CourierClient
        let filter: CourierMessageFilter
        var state = State.first
        var followed: Set<String> = []

        init(client: CourierClient, filter: CourierMessageFilter) {
            self.client = client
            self.filter = filter
        }

        /// The next page, or nil after the last one (or after an error).
        public mutating func next() async throws(CourierError) -> CourierMessagePage? {
            let cursor: String?
            switch state {
            case .finished: return nil
            case .first: cursor = nil
            case .next(let next): cursor = next
            }
            state = .finished
            let page = try await client.listMessages(filter, cursor: cursor)
            guard page.paging.more else { return page }
            guard let next = page.paging.next else {
                throw .decoding(
                    ResponseDecodingError(
                        status: 200, pointer: "/paging/cursor",
                        message: "paging.more is true but there is no cursor to follow"))
            }
            guard followed.insert(next).inserted, next != cursor else {
                throw .decoding(
                    ResponseDecodingError(
                        status: 200, pointer: "/paging/cursor",
                        message: "cursor \(FreeformJSON.string(next)) was already followed; stopping instead of looping"
                    ))
            }
            state = .next(next)
            return page
        }
    }
}

/// Every message matching a filter, across pages (see ``CourierMessagePages``).
public struct CourierMessageResults: AsyncSequence, Sendable {
    /// The message type.
    public typealias Element = CourierMessage
    /// The one error type a client throws.
    public typealias Failure = CourierError

    let pages: CourierMessagePages

    /// Starts from the first page.
    public func makeAsyncIterator() -> Iterator { Iterator(pages: pages.makeAsyncIterator()) }

    /// Yields the buffered page's messages, fetching the next page when it runs out.
    public struct Iterator: AsyncIteratorProtocol {
        /// The message type.
        public typealias Element = CourierMessage
        /// The one error type a client throws.
        public typealias Failure = CourierError

        var pages: CourierMessagePages.Iterator
        var buffer: [CourierMessage] = []
        var position = 0

        /// The next message, or nil after the last page (or after an error).
        public mutating func next() async throws(CourierError) -> CourierMessage? {
            while position == buffer.count {
                guard let page = try await pages.next() else { return nil }
                buffer = page.results
                position = 0
            }
            defer { position += 1 }
            return buffer[position]
        }
    }
}
