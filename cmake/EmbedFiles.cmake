# fg_embed_files(TARGET <lib> NAMESPACE <ns> FILES <paths...>)
# Generates a C++ source that holds each file's text, so the program runs from any directory.
# Lookup: std::string_view <ns>::embeddedFile("name.ext") returns {} for an unknown name.
function(fg_embed_files)
  cmake_parse_arguments(ARG "" "TARGET;NAMESPACE" "FILES" ${ARGN})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}_embedded.cpp)
  # A CMake list cannot cross a command line intact: pass the paths joined with '|'.
  string(REPLACE ";" "|" joined "${ARG_FILES}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAMESPACE=${ARG_NAMESPACE} "-DFILES=${joined}"
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${ARG_FILES} ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding ${ARG_TARGET} files"
    VERBATIM)
  add_library(${ARG_TARGET} STATIC ${out})
endfunction()
