import { useRoute, linkHandler } from "../app/router";
import { ProjectList } from "./ProjectList";
import { NotebookPage } from "./NotebookPage";
import { AppViewPage } from "./AppViewPage";
import { OfflineBanner } from "./OfflineBanner";
import { MembersPage } from "./people/MembersPage";

export function App() {
  const route = useRoute();
  return (
    <>
      <OfflineBanner />
      {route.page === "list" && <ProjectList />}
      {route.page === "notebook" && <NotebookPage key={route.projectId} projectId={route.projectId} />}
      {route.page === "app" && <AppViewPage key={route.projectId} projectId={route.projectId} />}
      {route.page === "members" && <MembersPage key={route.workspaceId} workspaceId={route.workspaceId} />}
      {route.page === "notFound" && (
        <main class="page empty-page">
          <h1>Page not found</h1>
          <a href="/" onClick={linkHandler("/")}>Back to projects</a>
        </main>
      )}
    </>
  );
}
