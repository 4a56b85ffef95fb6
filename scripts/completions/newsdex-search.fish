# fish completion for newsdex-search.
# Installed into share/fish/vendor_completions.d/. Keep the options in step
# with newsdex-search --help: tests/install/completion_test.sh checks them.

# The query is words, not files.
complete -c newsdex-search -f

complete -c newsdex-search -s h -l help -d 'Print help and exit'
complete -c newsdex-search -l version -d 'Print version and exit'
complete -c newsdex-search -l db -x -a '(__fish_complete_directories (commandline -ct))' -d 'Database directory'
complete -c newsdex-search -s n -l limit -x -a 'all' -d 'Articles to show (default 10; 0 = only counts; all = every match)'
complete -c newsdex-search -l offset -x -d 'Articles to skip, for paging'
complete -c newsdex-search -l snippet-chars -x -d 'Snippet length in characters (default 240)'
complete -c newsdex-search -l json -d 'JSON Lines output (--format jsonl)'
complete -c newsdex-search -l format -x -a 'text jsonl csv tsv' -d 'Output format'
complete -c newsdex-search -l fields -x -a 'rank id date source title url author score matched_all snippet speakers countries country_codes persons orgs quotes similar_count similar_sources quote_index speaker verb text' -d 'With --format csv or tsv: the columns'
complete -c newsdex-search -l color -x -a 'auto always never' -d 'Highlight colours'
complete -c newsdex-search -l since -x -d 'Only articles published on or after DATE'
complete -c newsdex-search -l until -x -d 'Only articles published up to the end of DATE'
complete -c newsdex-search -l sort -x -a 'relevance newest oldest' -d 'Order of the hits'
# --timeline takes its bucket size glued on (--timeline=month), or none.
complete -c newsdex-search -l timeline -d 'Histogram of matching articles over time'
complete -c newsdex-search -n 'string match -q -- "--timeline=*" (commandline -ct)' \
    -a '(string replace -r -- "=.*" "" (commandline -ct))=(printf "%s\n" day week month year)'
complete -c newsdex-search -l timeline-top -d 'With --timeline: the best headline of each bucket'
complete -c newsdex-search -l facets -x -a '(__fish_newsdex_facets)' -d 'Count matches by these facets'
complete -c newsdex-search -l facet-limit -x -d 'Values shown per facet (default 10)'
complete -c newsdex-search -l all -d 'Show every copy of a republished story'
complete -c newsdex-search -l count-by -x -a 'article story' -d 'Timeline and facet counts count'
complete -c newsdex-search -l threads -x -d 'Threads that count facets and the timeline'
complete -c newsdex-search -l speaker -x -d 'Only articles with this speaker'
complete -c newsdex-search -l country -x -d 'Only articles with this country'
complete -c newsdex-search -l show -d 'Print whole articles: --show ID... -- QUERY...'
complete -c newsdex-search -l no-pager -d 'With --show: never page'
complete -c newsdex-search -l quotes -d 'Search quotes, not articles'
complete -c newsdex-search -l allow-partial -d 'With a cluster file: search the shards that answer'
complete -c newsdex-search -l person -x -d 'Only articles with this person'
complete -c newsdex-search -l org -x -d 'Only articles with this organization'
complete -c newsdex-search -l source -x -d 'Only articles with this source'

# --facets takes a comma-separated list: complete its last item.
function __fish_newsdex_facets
    set -l token (commandline -ct | string replace -r -- '^--facets=' '')
    set -l done (string replace -r -- '[^,]*$' '' $token)
    for f in speaker country person org source
        string match -q -- "*,$f,*" ",$done" || printf '%s%s\n' $done $f
    end
end

# Query words: the field prefixes (docs/query-syntax.md), and the languages
# after lang:.
function __fish_newsdex_query
    set -l token (commandline -ct)
    if string match -q -- 'lang:*' $token
        printf 'lang:%s\n' ar ca da de en es eu fi fr ga hu hy id it lt ne nl no pt ro ru sv ta tr
    else if not string match -q -- '*:*' $token; and not string match -q -- '-*' $token
        printf '%s\tquery field\n' title: author: source: lang: date: speaker: person: org: country:
    end
end
complete -c newsdex-search -a '(__fish_newsdex_query)'
