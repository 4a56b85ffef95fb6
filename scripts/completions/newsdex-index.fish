# fish completion for newsdex-index.
# Installed into share/fish/vendor_completions.d/. Keep the options in step
# with newsdex-index --help: tests/install/completion_test.sh checks them.

set -l subcommands stats delete compact check
# True before the subcommand, and before any PATH (a subcommand after a PATH
# is another PATH).
function __fish_newsdex_index_first
    set -l words (commandline -opc)
    set -e words[1]
    set -l takes_value --db --lang --format --field --threads --shards --route --memory --max-article-size --commit-every
    set -l previous
    for w in $words
        if not string match -q -- '-*' $w; and not contains -- $previous $takes_value
            return 1
        end
        set previous $w
    end
    return 0
end

complete -c newsdex-index -n __fish_newsdex_index_first -a stats -d 'Show what the database holds'
complete -c newsdex-index -n __fish_newsdex_index_first -a delete -d 'Delete articles by id'
complete -c newsdex-index -n __fish_newsdex_index_first -a compact -d 'Compact the database in place'
complete -c newsdex-index -n __fish_newsdex_index_first -a check -d 'Check the database'

# Options of every form of the command.
complete -c newsdex-index -s h -l help -d 'Print help and exit'
complete -c newsdex-index -l db -x -a '(__fish_complete_directories (commandline -ct))' -d 'Database directory'

# Indexing (no subcommand); PATHs are files (the default).
set -l indexing "not __fish_seen_subcommand_from $subcommands"
complete -c newsdex-index -n $indexing -l version -d 'Print version and exit'
complete -c newsdex-index -n $indexing -s q -l quiet -d 'No progress line and no summary'
complete -c newsdex-index -n $indexing -s v -l verbose -d 'One line per record left out as no article'
complete -c newsdex-index -n $indexing -l format -x -a 'jsonl text html warc csv tsv nitf newsml rss atom xml' -d 'Read every input as this format'
complete -c newsdex-index -n $indexing -l field -x -d 'NAME=KEY: read a field from this JSON key or CSV column'
complete -c newsdex-index -n $indexing -l lang -x -a 'ar ca da de en es eu fi fr ga hu hy id it lt ne nl no pt ro ru sv ta tr' -d 'Language of articles that do not state one'
complete -c newsdex-index -n $indexing -l no-entities -d 'Do not extract persons, organizations, countries and quotes'
complete -c newsdex-index -n $indexing -l no-compact -d 'Do not compact the database after a bulk load'
complete -c newsdex-index -n $indexing -l dry-run -d 'Read and extract entities, write nothing'
complete -c newsdex-index -n $indexing -l json -d 'With --dry-run: one JSON object per article'
complete -c newsdex-index -n $indexing -l threads -x -d 'Worker threads (0 = one per core)'
complete -c newsdex-index -n $indexing -l shards -x -d 'Shard writers of a bulk load (0 = one per core)'
complete -c newsdex-index -n $indexing -l route -x -d 'Index only the articles of shard K of N (K/N)'
complete -c newsdex-index -n $indexing -l memory -x -d 'Memory budget, e.g. 512M or 2G'
complete -c newsdex-index -n $indexing -l max-article-size -x -d 'Largest article read, e.g. 4M'
complete -c newsdex-index -n $indexing -l commit-every -x -d 'Commit after this many articles'

# Subcommands: no files.
complete -c newsdex-index -n "__fish_seen_subcommand_from $subcommands" -f
complete -c newsdex-index -n '__fish_seen_subcommand_from stats' -l json -d 'One JSON object with every statistic'
complete -c newsdex-index -n '__fish_seen_subcommand_from stats' -l top -x -d 'Outlets listed (0 = all)'
complete -c newsdex-index -n '__fish_seen_subcommand_from check' -l json -d 'One JSON object with the result and every problem'
