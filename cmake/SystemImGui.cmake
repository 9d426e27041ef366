# Dear ImGui from Debian's libimgui-dev: a static library plus the GLFW / OpenGL3 backends, which
# the package ships as sources. The backends are compiled here against libepoxy as the GL loader.
find_library(IMGUI_LIBRARY NAMES libimgui.a imgui REQUIRED)
find_path(IMGUI_INCLUDE_DIR imgui.h PATH_SUFFIXES imgui REQUIRED)
set(IMGUI_BACKEND_SOURCE_DIR /usr/share/doc/libimgui-dev/examples/backends
    CACHE PATH "Folder with imgui_impl_glfw.cpp and imgui_impl_opengl3.cpp")
if(NOT EXISTS ${IMGUI_BACKEND_SOURCE_DIR}/imgui_impl_opengl3.cpp)
  message(FATAL_ERROR "Dear ImGui backend sources not found in ${IMGUI_BACKEND_SOURCE_DIR}; "
                      "install libimgui-dev (scripts/setup.sh does).")
endif()

# Debian builds libimgui.a against the system stb (rect packing, truetype): link it too.
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)

add_library(fg_imgui INTERFACE)
target_include_directories(fg_imgui SYSTEM INTERFACE ${IMGUI_INCLUDE_DIR} ${IMGUI_INCLUDE_DIR}/backends)
target_link_libraries(fg_imgui INTERFACE ${IMGUI_LIBRARY} PkgConfig::STB)

add_library(fg_imgui_backends STATIC
  ${IMGUI_BACKEND_SOURCE_DIR}/imgui_impl_glfw.cpp
  ${IMGUI_BACKEND_SOURCE_DIR}/imgui_impl_opengl3.cpp)
target_compile_definitions(fg_imgui_backends PRIVATE IMGUI_IMPL_OPENGL_LOADER_CUSTOM)
# The OpenGL3 backend with a custom loader expects the GL prototypes to be declared already.
target_compile_options(fg_imgui_backends PRIVATE -include epoxy/gl.h -w)
target_link_libraries(fg_imgui_backends PUBLIC fg_imgui PkgConfig::GLFW PkgConfig::EPOXY)
